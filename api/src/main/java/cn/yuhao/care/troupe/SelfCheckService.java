package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A troupe's year-end self-check (年度自查, due 12-10): what it did, with photos and documents. Its coach or an
 * admin of its district writes it; writing again the same year replaces the text and adds photos, none is
 * ever removed. The year is this year or the last (a check written in early January is last year's).
 */
public final class SelfCheckService {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  public record SelfCheckInput(String summary, List<String> attachmentIds) {}

  public record SelfCheck(
      String id,
      String troupeId,
      int year,
      String summary,
      Instant submittedAt,
      List<Attachments.FileRef> attachments) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public SelfCheckService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public SelfCheck submit(Caller caller, long troupeId, int year, SelfCheckInput in) {
    int thisYear = clock.instant().atZone(CHONGQING).getYear();
    new Fields()
        .require("summary", in.summary())
        .maxLength("summary", in.summary(), 2000)
        .throwIfAny();
    if (year != thisYear && year != thisYear - 1) {
      throw cn.yuhao.care.http.AppException.invalid("year", "只能填写今年或去年的自查");
    }
    Set<Long> files = Attachments.parse(in.attachmentIds());
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forStaff(h, caller, troupeId);
      Instant now = clock.instant();
      SelfCheckDao dao = new SelfCheckDao(h);
      long id = dao.upsert(
          Ids.next(), troupeId, year, t.districtCode(), in.summary().strip(), caller.userId(), now);
      Attachments.attach(
          h, caller.userId(), FilePurpose.SELF_CHECK, id, t.districtCode(), null, files, now);
      audit.record(h, caller, "troupe.self_check", "troupe", Long.toString(troupeId), year + "");
      return view(h, dao.find(troupeId, year).orElseThrow());
    });
  }

  public List<SelfCheck> list(Caller caller, long troupeId) {
    return jdbi.withHandle(h -> {
      TroupeAccess.forStaff(h, caller, troupeId);
      return new SelfCheckDao(h)
          .ofTroupe(troupeId).stream().map(r -> view(h, r)).toList();
    });
  }

  /** The coaches of the troupe may read its self-check's files (file.AttachmentReaders). */
  public boolean mayRead(Handle h, Caller caller, long selfCheckId) {
    return new SelfCheckDao(h)
        .troupeOf(selfCheckId)
        .map(id -> TroupeAccess.find(h, id))
        .filter(t -> TroupeAccess.coaches(caller, t))
        .isPresent();
  }

  private static SelfCheck view(Handle h, SelfCheckDao.Row r) {
    return new SelfCheck(
        Long.toString(r.id()),
        Long.toString(r.troupeId()),
        r.year(),
        r.summary(),
        r.submittedAt(),
        Attachments.of(h, FilePurpose.SELF_CHECK, r.id()));
  }
}
