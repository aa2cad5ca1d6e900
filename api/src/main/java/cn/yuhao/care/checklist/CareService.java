package cn.yuhao.care.checklist;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CareRecords.CareRecord;
import cn.yuhao.care.checklist.CareRecords.Page;
import cn.yuhao.care.checklist.CareRecords.RecordDetail;
import cn.yuhao.care.checklist.CareRecords.RecordInput;
import cn.yuhao.care.checklist.CareRecords.Version;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.wechat.WeChatGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The "6+1" checklist and care records. A volunteer writes records for the pairings she takes part in while
 * they are active; supervisors and admins read them in their scope (audited). Records are never deleted: the
 * author may correct one within {@link #CORRECTION_WINDOW}, and the old version is kept. Summaries are checked
 * by WeChat's content security (risky → refused; doubtful or unchecked → kept and flagged) and stored encrypted.
 */
public final class CareService {
  static final Duration CORRECTION_WINDOW = Duration.ofDays(7);
  static final Set<String> KINDS = Stream.concat(
          Arrays.stream(CareItem.values()).map(Enum::name), Stream.of("FREE_VISIT"))
      .collect(Collectors.toUnmodifiableSet());
  static final Set<String> WAYS =
      Set.of("HOME_VISIT", "PHONE", "VIDEO", "AT_SCHOOL", "COMMUNITY", "MESSAGE", "OTHER");
  /** WeChat content-security scene 4: 社交日志 (a diary-like post). */
  static final int SEC_CHECK_SCENE = 4;

  public record Tasks(
      String pairingId,
      String childName,
      String mode,
      String status,
      Instant startedAt,
      Instant endedAt,
      boolean checklist,
      List<CareChecklist.ItemStatus> items) {}

  /** Who the caller is for a pairing: a volunteer taking part in it (while active), or an admin in scope. */
  record Access(CareDao.PairingRef pairing, Long volunteerId) {
    boolean asVolunteer() {
      return volunteerId != null;
    }
  }

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final CarePeriods periods;
  private final CareCounters counters;
  private final CareChecklist checklist;
  private final RecordChecks checks;
  private final Clock clock;

  public CareService(
      Jdbi jdbi,
      FieldCipher cipher,
      WeChatGateway wechat,
      AuditLog audit,
      CarePeriods periods,
      Clock clock,
      CareCounters counters) {
    this.counters = counters;
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.periods = periods;
    this.checklist = new CareChecklist(periods);
    this.checks = new RecordChecks(jdbi, wechat, clock);
    this.clock = clock;
  }

  /**
   * A volunteer taking part in the active pairing, else an admin or supervisor whose scope covers it; else 404.
   * A volunteer whose pairing ended is a stranger to it.
   */
  static Access access(Handle h, Caller caller, long pairingId) {
    CareDao dao = new CareDao(h);
    CareDao.PairingRef p = dao.pairing(pairingId).orElseThrow(() -> AppException.notFound("结对"));
    Long volunteerId = dao.admittedVolunteerOfUser(caller.userId()).orElse(null);
    if (volunteerId != null
        && "ACTIVE".equals(p.status())
        && dao.participates(p.id(), volunteerId)) {
      return new Access(p, volunteerId);
    }
    if (caller.adminScope().covers(p.districtCode(), p.street())) {
      return new Access(p, null);
    }
    throw AppException.notFound("结对");
  }

  public Tasks tasks(Caller caller, long pairingId) {
    return jdbi.withHandle(h -> {
      Access a = access(h, caller, pairingId);
      CareDao.PairingRef p = a.pairing();
      List<CareChecklist.ItemStatus> items = p.hasChecklist()
          ? checklist.items(
              p.startedAt(), p.endedAt(), clock.instant(), new CareDao(h).refs(p.id()))
          : List.of();
      return new Tasks(
          Long.toString(p.id()),
          p.childName(),
          p.mode(),
          p.status(),
          p.startedAt(),
          p.endedAt(),
          p.hasChecklist(),
          items);
    });
  }

  public Idempotency.Result<CareRecord> create(
      Caller caller, long pairingId, RecordInput in, Idempotency.Request idem) {
    CareDao.PairingRef pairing =
        jdbi.withHandle(h -> writable(h, caller, pairingId)).pairing();
    checks.validate(in, pairing);
    Set<Long> photos = Attachments.parse(in.attachmentIds());
    String contentCheck = checks.content(caller, in.summary(), in.followUpNote());
    return jdbi.inTransaction(h -> {
      Instant now = clock.instant();
      Idempotency.Claim claim = Idempotency.claim(h, caller.userId(), "care-record", idem, now);
      CareDao dao = new CareDao(h);
      if (claim.replay()) {
        return new Idempotency.Result<>(
            view(dao.find(claim.existingResourceId(), false).orElseThrow(), caller, false), true);
      }
      Access a = writable(
          h, caller, pairingId); // again inside the transaction: the pairing may have ended
      long id = Ids.next();
      boolean followUp = Boolean.TRUE.equals(in.followUpNeeded());
      dao.insert(new CareDao.NewRecord(
          id,
          a.pairing(),
          caller.userId(),
          a.volunteerId(),
          in.kind(),
          in.occurredAt(),
          in.way(),
          cipher.encrypt(in.summary().strip(), "care_records.summary"),
          followUp,
          encryptNote(followUp ? in.followUpNote() : null),
          contentCheck,
          now));
      Attachments.attach(
          h,
          caller.userId(),
          FilePurpose.CARE_RECORD,
          id,
          a.pairing().districtCode(),
          a.pairing().street(),
          photos,
          now);
      counters.careRecordWritten(h, id, null, null);
      Idempotency.complete(h, claim, id);
      audit.record(
          h,
          caller,
          "care.record.create",
          "pairing",
          Long.toString(pairingId),
          in.kind() + " " + id);
      return new Idempotency.Result<>(
          view(dao.find(id, false).orElseThrow(), caller, false), false);
    });
  }

  /** A correction by the author within the window; the version it replaces is kept. */
  public CareRecord correct(Caller caller, long id, RecordInput in) {
    CareDao.Row before = jdbi.withHandle(h -> new CareDao(h).find(id, false))
        .filter(r -> r.authorUserId() == caller.userId())
        .orElseThrow(() -> AppException.notFound("关爱记录"));
    CareDao.PairingRef pairing =
        jdbi.withHandle(h -> writable(h, caller, before.pairingId())).pairing();
    RecordInput merged = new RecordInput(
        in.kind() != null ? in.kind() : before.kind(),
        in.occurredAt() != null ? in.occurredAt() : before.occurredAt(),
        in.way() != null ? in.way() : before.way(),
        in.summary() != null
            ? in.summary()
            : cipher.decrypt(before.summaryEnc(), "care_records.summary"),
        in.followUpNeeded() != null ? in.followUpNeeded() : before.followUpNeeded(),
        in.followUpNote() != null ? in.followUpNote() : decryptNote(before.followUpNoteEnc()),
        in.attachmentIds());
    checks.validate(merged, pairing);
    Set<Long> morePhotos = Attachments.parse(in.attachmentIds());
    boolean textChanged = in.summary() != null || in.followUpNote() != null;
    String contentCheck = textChanged
        ? checks.content(caller, merged.summary(), merged.followUpNote())
        : before.contentCheck();
    return jdbi.inTransaction(h -> {
      CareDao dao = new CareDao(h);
      CareDao.Row row = dao.find(id, true).orElseThrow();
      Instant now = clock.instant();
      if (now.isAfter(row.createdAt().plus(CORRECTION_WINDOW))) {
        throw new AppException(ErrorCode.CORRECTION_WINDOW_CLOSED, "记录提交 7 天后不能再修改；如需更正请联系督导");
      }
      if (row.version() != before.version()) {
        throw new AppException(ErrorCode.CONFLICT, "这条记录刚被修改过，请刷新后再改");
      }
      writable(h, caller, row.pairingId());
      boolean followUp = Boolean.TRUE.equals(merged.followUpNeeded());
      dao.correct(
          row,
          merged.kind(),
          merged.occurredAt(),
          merged.way(),
          cipher.encrypt(merged.summary().strip(), "care_records.summary"),
          followUp,
          encryptNote(followUp ? merged.followUpNote() : null),
          contentCheck,
          caller.userId(),
          now);
      // Photos added with a correction join the earlier ones; none is ever taken away.
      Attachments.attach(
          h,
          caller.userId(),
          FilePurpose.CARE_RECORD,
          id,
          pairing.districtCode(),
          pairing.street(),
          morePhotos,
          now);
      counters.careRecordWritten(h, id, row.kind(), row.occurredAt());
      audit.record(
          h,
          caller,
          "care.record.correct",
          "care_record",
          Long.toString(id),
          "v" + (row.version() + 1));
      return view(dao.find(id, false).orElseThrow(), caller, false);
    });
  }

  public Page list(Caller caller, long pairingId, long before, int limit) {
    return jdbi.inTransaction(h -> {
      Access a = access(h, caller, pairingId);
      CareDao dao = new CareDao(h);
      List<Long> pairings = new ArrayList<>();
      pairings.add(a.pairing().id());
      Set<Long> shared = new HashSet<>(dao.sharedFrom(a.pairing().id()));
      pairings.addAll(shared);
      List<CareDao.Row> rows = dao.list(pairings, before, limit + 1);
      List<CareRecord> items = rows.stream()
          .limit(limit)
          .map(r -> view(r, caller, shared.contains(r.pairingId())))
          .toList();
      if (!a.asVolunteer()) {
        audit.record(
            h,
            caller,
            "care.records.read",
            "pairing",
            Long.toString(a.pairing().id()),
            items.size() + " 条关爱记录");
      }
      return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  /** One record with its earlier versions, for its author or an admin in scope. */
  public RecordDetail get(Caller caller, long id) {
    return jdbi.inTransaction(h -> {
      CareDao dao = new CareDao(h);
      CareDao.Row row = dao.find(id, false).orElseThrow(() -> AppException.notFound("关爱记录"));
      Access a;
      try {
        a = access(h, caller, row.pairingId());
      } catch (AppException e) {
        throw AppException.notFound("关爱记录");
      }
      if (a.asVolunteer() && row.authorUserId() != caller.userId()) {
        // Another member of a case team sees the record in the list, but its history is the
        // author's own.
        throw AppException.notFound("关爱记录");
      }
      if (!a.asVolunteer()) {
        audit.record(h, caller, "care.record.read", "care_record", Long.toString(id), "含历史版本");
      }
      List<Version> versions = dao.versions(id).stream()
          .map(v -> new Version(
              v.version(),
              v.kind(),
              v.occurredAt(),
              v.way(),
              cipher.decrypt(v.summaryEnc(), "care_records.summary"),
              v.followUpNeeded(),
              decryptNote(v.followUpNoteEnc()),
              v.contentCheck(),
              v.writtenAt(),
              v.replacedAt()))
          .toList();
      return new RecordDetail(
          view(row, caller, row.pairingId() != a.pairing().id()),
          versions,
          Attachments.of(h, FilePurpose.CARE_RECORD, id));
    });
  }

  /** Whoever may read a care record may see its photos (file.AttachmentReaders for "care_record"). */
  public boolean mayReadRecord(Handle h, Caller caller, long recordId) {
    Optional<CareDao.Row> row = new CareDao(h).find(recordId, false);
    if (row.isEmpty()) {
      return false;
    }
    try {
      access(h, caller, row.get().pairingId());
      return true;
    } catch (AppException e) {
      return false;
    }
  }

  /** Lets the volunteers of a pairing read an earlier pairing's records of the same child. */
  public List<String> shareHistory(Caller admin, long pairingId, long fromId) {
    return jdbi.inTransaction(h -> {
      CareDao dao = new CareDao(h);
      CareDao.PairingRef to = dao.pairingInScope(pairingId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("结对"));
      if (!admin.adminScope().coversDistrict(to.districtCode())) {
        throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以共享关爱记录");
      }
      CareDao.PairingRef from = dao.pairingInScope(fromId, admin.adminScope())
          .filter(p -> p.childId() == to.childId() && p.id() != to.id())
          .orElseThrow(() -> AppException.invalid("fromPairingId", "应为同一名儿童此前的另一个结对"));
      dao.share(to.id(), from.id(), admin.userId(), clock.instant());
      audit.record(
          h, admin, "care.history.share", "pairing", Long.toString(to.id()), "from " + from.id());
      return dao.sharedFrom(to.id()).stream().map(String::valueOf).toList();
    });
  }

  /** The access of a volunteer who may write: taking part in the active pairing. */
  private static Access writable(Handle h, Caller caller, long pairingId) {
    Access a = access(h, caller, pairingId);
    if (!a.asVolunteer()) {
      throw new AppException(ErrorCode.FORBIDDEN, "关爱记录由结对的志愿者填写");
    }
    return a;
  }

  private CareRecord view(CareDao.Row r, Caller caller, boolean sharedHistory) {
    CareItem item = CareItem.ofKind(r.kind());
    String period = item == null || item.cadence() == CareItem.Cadence.CONTINUOUS
        ? null
        : periods.of(item.cadence(), CarePeriods.day(r.occurredAt())).key();
    Instant until = r.createdAt().plus(CORRECTION_WINDOW);
    boolean correctable =
        r.authorUserId() == caller.userId() && !sharedHistory && clock.instant().isBefore(until);
    return new CareRecord(
        Long.toString(r.id()),
        Long.toString(r.pairingId()),
        r.kind(),
        item == null ? "自由走访" : item.label(),
        period,
        r.occurredAt(),
        r.way(),
        cipher.decrypt(r.summaryEnc(), "care_records.summary"),
        r.followUpNeeded(),
        decryptNote(r.followUpNoteEnc()),
        r.contentCheck(),
        r.version(),
        r.authorName(),
        sharedHistory,
        r.createdAt(),
        r.updatedAt(),
        correctable ? until : null);
  }

  private String encryptNote(String note) {
    return note == null || note.isBlank()
        ? null
        : cipher.encrypt(note.strip(), "care_records.follow_up_note");
  }

  private String decryptNote(String enc) {
    return enc == null ? null : cipher.decrypt(enc, "care_records.follow_up_note");
  }
}
