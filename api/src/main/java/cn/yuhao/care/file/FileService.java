package cn.yuhao.care.file;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.wechat.WeChatGateway;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads and reads of files. An upload is inspected ({@link FileInspector}), sealed with the data key (the file
 * id as associated data) and put in the store before its row is written, so a row always has its bytes; a
 * failure after the put leaves only sealed bytes no row points to. A read is allowed to the uploader, to admins
 * whose scope holds what the file is attached to, and to whoever the owner's {@link AttachmentReaders} lets in;
 * to anyone else the file does not exist (404). Every read by someone other than the uploader is audited.
 */
public final class FileService {
  private static final Logger log = LoggerFactory.getLogger(FileService.class);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);

  private final Jdbi jdbi;
  private final FileStore store;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Map<String, AttachmentReaders> readers;
  private final RateLimiter uploads;
  private final WeChatGateway wechat;
  private final Clock clock;
  private final FileInspector inspector = new FileInspector();

  public record Stored(String id, String purpose, String contentType, long size, String sha256) {}

  public record Download(String id, String contentType, byte[] bytes) {
    public String fileName() {
      return id + "." + FileTypes.extension(contentType);
    }
  }

  public FileService(
      Jdbi jdbi,
      FileStore store,
      FieldCipher cipher,
      AuditLog audit,
      Map<String, AttachmentReaders> readers,
      RateLimiter uploads,
      WeChatGateway wechat,
      Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.cipher = cipher;
    this.audit = audit;
    this.readers = Map.copyOf(readers);
    this.uploads = uploads;
    this.wechat = wechat;
    this.clock = clock;
  }

  /** An upload through POST /files: kept unattached until the caller attaches it to what she writes. */
  public Stored upload(Caller caller, String purposeName, byte[] bytes) {
    FilePurpose purpose = FilePurpose.of(purposeName);
    if (purpose == null || purpose == FilePurpose.REFERRAL_FEEDBACK) {
      throw AppException.invalid("purpose", "附件用途无效");
    }
    uploads.acquire("upload:" + caller.userId());
    return store(purpose, bytes, caller, null, null, null);
  }

  /**
   * Stores a file already attached to its owner (an agency's answer, which has no account to upload with);
   * the owner's row must exist in the same district.
   */
  public Stored storeAttached(
      FilePurpose purpose, byte[] bytes, long ownerId, String districtCode, String street) {
    return store(purpose, bytes, null, ownerId, districtCode, street);
  }

  private Stored store(
      FilePurpose purpose,
      byte[] bytes,
      Caller uploader,
      Long ownerId,
      String districtCode,
      String street) {
    FileInspector.Clean clean = inspector.inspect(purpose, bytes);
    if (purpose.contentChecked() && clean.preview() != null) {
      WeChatGateway.ContentVerdict v = wechat.checkImage(clean.preview());
      if ("RISKY".equals(v.suggest())) {
        throw new AppException(ErrorCode.CONTENT_REJECTED, "图片未通过微信内容安全检测，请换一张");
      }
    }
    long id = Ids.next();
    Instant now = clock.instant();
    String key = "files/" + MONTH.format(now) + "/" + id;
    store.put(key, cipher.seal(clean.bytes(), context(id)));
    String sha256 = sha256(clean.bytes());
    jdbi.useTransaction(h -> {
      new FileDao(h)
          .insert(new FileDao.Row(
              id,
              purpose.name(),
              clean.contentType(),
              clean.bytes().length,
              sha256,
              key,
              uploader == null ? null : uploader.userId(),
              now,
              ownerId == null ? null : purpose.ownerKind(),
              ownerId,
              districtCode,
              street));
      audit.record(h, uploader, "file.upload", "file", Long.toString(id), purpose.name());
    });
    return new Stored(
        Long.toString(id), purpose.name(), clean.contentType(), clean.bytes().length, sha256);
  }

  /** The file's bytes for someone who may read what it is attached to; 404 for anyone else. */
  public Download read(Caller caller, long id) {
    FileDao.Row row = jdbi.inTransaction(h -> {
      FileDao dao = new FileDao(h);
      Optional<FileDao.Row> found = dao.findReadable(id, caller.userId(), caller.adminScope());
      if (found.isEmpty()) {
        found = dao.findAttached(id).filter(r -> ownerLetsIn(h, caller, r));
      }
      FileDao.Row r = found.orElseThrow(() -> AppException.notFound("附件"));
      if (r.uploadedBy() == null || r.uploadedBy() != caller.userId()) {
        audit.record(
            h, caller, "file.read", "file", Long.toString(id), r.ownerKind() + ":" + r.ownerId());
      }
      return r;
    });
    return new Download(Long.toString(id), row.contentType(), open(row));
  }

  /** The bytes of a file the caller was already allowed to read with what it is attached to (the child's file). */
  public byte[] bytesOf(long id) {
    FileDao.Row row = jdbi.withHandle(h -> new FileDao(h).findAttached(id))
        .orElseThrow(() -> AppException.notFound("附件"));
    return open(row);
  }

  private boolean ownerLetsIn(org.jdbi.v3.core.Handle h, Caller caller, FileDao.Row r) {
    AttachmentReaders rule = readers.get(r.ownerKind());
    return rule != null && rule.mayRead(h, caller, r.ownerId());
  }

  private byte[] open(FileDao.Row row) {
    return cipher.open(store.get(row.storageKey()), context(row.id()));
  }

  /** Removes uploads never attached within their day: the row first, then the bytes. Run by the scheduler. */
  public int purgeUnattached() {
    Instant before = clock.instant().minus(Attachments.UNATTACHED_LIFETIME);
    var stale = jdbi.withHandle(h -> new FileDao(h).unattachedBefore(before, 500));
    int removed = 0;
    for (FileDao.Row r : stale) {
      boolean deleted = jdbi.inTransaction(h -> new FileDao(h).deleteUnattached(r.id()));
      if (deleted) {
        try {
          store.remove(r.storageKey());
        } catch (RuntimeException e) {
          log.warn("file {}: row removed, bytes left in the store", r.id(), e);
        }
        removed++;
      }
    }
    return removed;
  }

  public String storeKind() {
    return store.kind();
  }

  private static String context(long id) {
    return "files/" + id;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
