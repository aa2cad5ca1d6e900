package cn.yuhao.care.concern;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.Tokens;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.file.FileService;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The agency's side of a referral, without an account: its contact opens the one-time link once, which starts
 * a session (a random secret in the X-Referral-Session header, kept only as its hash) until the link's end.
 * With it she reads that referral's facts only (the report, the child masked, no identity number, address or
 * guardian) and answers: received, action taken, outcome, with files. A forged, spent or expired link or
 * session opens nothing and says only that.
 */
public final class AgencyReplies {
  static final Map<String, String> AGENCY_LABELS = Map.of(
      "POLICE", "公安机关",
      "CIVIL_AFFAIRS", "民政部门",
      "EDUCATION", "教育部门",
      "COURT", "人民法院",
      "PROCURATORATE", "人民检察院",
      "HEALTH", "卫生健康部门",
      "WOMENS_FEDERATION", "妇联");
  private static final Map<String, String> STAGE_LABELS =
      Map.of("RECEIVED", "已接收", "ACTION", "已采取措施", "OUTCOME", "已反馈办理结果");
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  public record FeedbackInput(String stage, String note) {}

  public record Report(
      String category,
      String categoryLabel,
      String severity,
      Instant occurredAt,
      String description) {}

  public record Child(String name, String gender, int age, String districtCode, String street) {}

  public record AgencyView(
      String agency,
      String agencyLabel,
      String unit,
      String referenceNo,
      Instant referredAt,
      String status,
      Instant receiptDueAt,
      Instant outcomeDueAt,
      Instant sessionExpiresAt,
      Report report,
      Child child,
      List<ReferralViews.Feedback> feedback,
      List<Attachments.FileRef> attachments) {}

  public record Opened(String session, AgencyView referral) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final FileService files;
  private final AuditLog audit;
  private final Clock clock;

  public AgencyReplies(
      Jdbi jdbi, FieldCipher cipher, FileService files, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.files = files;
    this.audit = audit;
    this.clock = clock;
  }

  /** Opens a link once: its session, and the referral's facts. */
  public Opened open(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{32}")) {
      throw AppException.notFound("移交链接");
    }
    String session = Tokens.random(32);
    return jdbi.inTransaction(h -> {
      ReferralDao dao = new ReferralDao(h);
      ReferralDao.Link link =
          dao.linkByToken(Tokens.hashHex(token)).orElseThrow(() -> AppException.notFound("移交链接"));
      Instant now = clock.instant();
      if (link.openedAt() != null) {
        throw new AppException(ErrorCode.REFERRAL_LINK_USED, "这个链接已经打开过，请向区县妇联索取新的链接");
      }
      if (now.isAfter(link.expiresAt())) {
        throw new AppException(ErrorCode.REFERRAL_LINK_EXPIRED, "这个链接已过期，请向区县妇联索取新的链接");
      }
      dao.open(link.id(), Tokens.hashHex(session), now);
      audit.record(h, null, "referral.open", "referral", Long.toString(link.referralId()), null);
      return new Opened(session, view(h, dao, link));
    });
  }

  /** Refuses a forged, unknown or expired session (before an upload is read). */
  public void check(String session) {
    jdbi.useHandle(h -> session(new ReferralDao(h), session));
  }

  public AgencyView view(String session) {
    return jdbi.inTransaction(h -> {
      ReferralDao dao = new ReferralDao(h);
      ReferralDao.Link link = session(dao, session);
      audit.record(h, null, "referral.read", "referral", Long.toString(link.referralId()), null);
      return view(h, dao, link);
    });
  }

  /** An answer: RECEIVED (from SENT), ACTION (what was done) or OUTCOME (which closes the referral). */
  public AgencyView answer(String session, FeedbackInput in) {
    new Fields()
        .require("stage", in.stage())
        .check(
            in.stage(),
            in.stage() == null || STAGE_LABELS.containsKey(in.stage()),
            "stage",
            "应为 RECEIVED、ACTION 或 OUTCOME")
        .check(
            in.note(),
            "RECEIVED".equals(in.stage()) || (in.note() != null && !in.note().isBlank()),
            "note",
            "请填写采取的措施或办理结果")
        .maxLength("note", in.note(), 2000)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      ReferralDao dao = new ReferralDao(h);
      ReferralDao.Link link = session(dao, session);
      ReferralDao.Row r = dao.find(link.referralId(), true).orElseThrow();
      String next = next(r.status(), in.stage());
      Instant now = clock.instant();
      String note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
      dao.feedback(
          Ids.next(),
          r.id(),
          link.id(),
          in.stage(),
          note == null ? null : cipher.encrypt(note, "referral_feedback.note"),
          now);
      dao.answer(
          r.id(),
          next,
          "OUTCOME".equals(in.stage()) ? cipher.encrypt(note, "concern_referrals.outcome") : null,
          now);
      ConcernDao concerns = new ConcernDao(h);
      String status =
          concerns.find(r.concernId(), Scope.ALL, false).orElseThrow().status();
      concerns.event(
          Ids.next(),
          r.concernId(),
          "REFERRAL_FEEDBACK",
          status,
          status,
          null,
          "AGENCY",
          AGENCY_LABELS.get(r.agency()) + STAGE_LABELS.get(in.stage()),
          now);
      audit.record(h, null, "referral.answer", "referral", Long.toString(r.id()), in.stage());
      return view(h, dao, link);
    });
  }

  private static String next(String status, String stage) {
    if (!ReferralViews.OPEN.contains(status)) {
      throw new AppException(ErrorCode.REFERRAL_STATE, "这次移交已经办结，不能再反馈");
    }
    return switch (stage) {
      case "RECEIVED" -> {
        if (!"SENT".equals(status)) {
          throw new AppException(ErrorCode.REFERRAL_STATE, "已经确认接收过");
        }
        yield "RECEIVED";
      }
      case "ACTION" -> "ACTING";
      default -> "DONE";
    };
  }

  /** A file from the agency (a scan of its reply, a photo): attached to the referral at once. */
  public Attachments.FileRef upload(String session, byte[] bytes) {
    ReferralDao.Row r = jdbi.inTransaction(h -> {
      ReferralDao dao = new ReferralDao(h);
      ReferralDao.Row row = dao.find(session(dao, session).referralId(), false).orElseThrow();
      if (Attachments.of(h, FilePurpose.REFERRAL_FEEDBACK, row.id()).size()
          >= Attachments.MAX_PER_OWNER) {
        throw AppException.invalid("file", "附件最多 " + Attachments.MAX_PER_OWNER + " 个");
      }
      return row;
    });
    FileService.Stored s = files.storeAttached(
        FilePurpose.REFERRAL_FEEDBACK, bytes, r.id(), r.districtCode(), r.street());
    return new Attachments.FileRef(s.id(), s.contentType(), s.size(), clock.instant());
  }

  private ReferralDao.Link session(ReferralDao dao, String session) {
    if (session == null || !session.matches("[A-Za-z0-9_-]{43}")) {
      throw AppException.notFound("移交链接");
    }
    ReferralDao.Link link =
        dao.linkBySession(Tokens.hashHex(session)).orElseThrow(() -> AppException.notFound("移交链接"));
    if (clock.instant().isAfter(link.expiresAt())) {
      throw new AppException(ErrorCode.REFERRAL_LINK_EXPIRED, "这个链接已过期，请向区县妇联索取新的链接");
    }
    return link;
  }

  private AgencyView view(Handle h, ReferralDao dao, ReferralDao.Link link) {
    ReferralDao.Row r = dao.find(link.referralId(), false).orElseThrow();
    ConcernDao.Row c = new ConcernDao(h).find(r.concernId(), Scope.ALL, false).orElseThrow();
    ReferralDao.ChildFacts child = dao.child(r.concernId());
    LocalDate today = clock.instant().atZone(CHONGQING).toLocalDate();
    ReferralViews.Referral full = new ReferralViews(cipher).full(h, dao, r, clock.instant());
    return new AgencyView(
        r.agency(),
        AGENCY_LABELS.get(r.agency()),
        r.unit(),
        r.referenceNo(),
        r.referredAt(),
        r.status(),
        r.receiptDueAt(),
        r.outcomeDueAt(),
        link.expiresAt(),
        new Report(
            c.category(),
            ConcernAlerts.CATEGORY_LABELS.get(c.category()),
            c.severity(),
            c.occurredAt(),
            cipher.decrypt(c.descriptionEnc(), "concerns.description")),
        new Child(
            Masking.name(child.name()),
            child.gender(),
            Period.between(child.birthDate(), today).getYears(),
            child.districtCode(),
            child.street()),
        full.feedback(),
        full.attachments());
  }
}
