package cn.yuhao.care.file;

import cn.yuhao.care.http.AppException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What other features do with files, inside their own transaction: attach the caller's uploads to what they
 * write, and list what is attached to what they read.
 */
public final class Attachments {
  /** As many as wx.chooseMedia picks at once. */
  public static final int MAX_PER_OWNER = 9;
  /** An upload must be attached within this; after it the scheduler removes it. */
  public static final Duration UNATTACHED_LIFETIME = Duration.ofDays(1);

  /** A file as it appears on what it is attached to; its bytes are at {@code GET /files/{id}}. */
  public record FileRef(String id, String contentType, long size, Instant uploadedAt) {}

  private Attachments() {}

  /** The ids as sent: null or empty is none; each must be a file id, none twice. */
  public static Set<Long> parse(List<String> ids) {
    Set<Long> out = new LinkedHashSet<>();
    if (ids == null) {
      return out;
    }
    if (ids.size() > MAX_PER_OWNER) {
      throw AppException.invalid("attachmentIds", "附件最多 " + MAX_PER_OWNER + " 个");
    }
    for (String id : ids) {
      if (id == null || !id.matches("[0-9]{1,19}") || !out.add(Long.parseLong(id))) {
        throw AppException.invalid("attachmentIds", "附件编号无效或重复");
      }
    }
    return out;
  }

  /**
   * Attaches the uploader's own fresh uploads of the purpose to one owner, in the owner's transaction; 422 on
   * the field attachmentIds when any of them is not hers, already attached, of another purpose or too old.
   */
  public static void attach(
      Handle h,
      long uploader,
      FilePurpose purpose,
      long ownerId,
      String districtCode,
      String street,
      Collection<Long> ids,
      Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    FileDao dao = new FileDao(h);
    if (dao.countAttached(purpose.ownerKind(), ownerId) + ids.size() > MAX_PER_OWNER) {
      throw AppException.invalid("attachmentIds", "附件最多 " + MAX_PER_OWNER + " 个");
    }
    int attached = dao.attach(
        ids,
        uploader,
        purpose.name(),
        purpose.ownerKind(),
        ownerId,
        districtCode,
        street,
        now.minus(UNATTACHED_LIFETIME),
        now);
    if (attached != ids.size()) {
      throw AppException.invalid("attachmentIds", "附件不存在、已被使用、用途不符或上传已超过一天，请重新上传");
    }
  }

  /** The files attached to each owner of a kind, oldest first. */
  public static Map<Long, List<FileRef>> of(
      Handle h, FilePurpose purpose, Collection<Long> ownerIds) {
    Map<Long, List<FileRef>> out = new LinkedHashMap<>();
    for (FileDao.Row r : new FileDao(h).ofOwners(purpose.ownerKind(), ownerIds)) {
      out.computeIfAbsent(r.ownerId(), k -> new ArrayList<>()).add(ref(r));
    }
    return out;
  }

  public static List<FileRef> of(Handle h, FilePurpose purpose, long ownerId) {
    return of(h, purpose, List.of(ownerId)).getOrDefault(ownerId, List.of());
  }

  static FileRef ref(FileDao.Row r) {
    return new FileRef(Long.toString(r.id()), r.contentType(), r.size(), r.uploadedAt());
  }
}
