package cn.yuhao.care.concern;

import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Referrals as the district sees them (all of it), as the reporter sees them (agency and status only). */
public final class ReferralViews {
  static final Set<String> OPEN = Set.of("SENT", "RECEIVED", "ACTING");

  /** One referral in full, with what the agency answered and the files it sent. */
  public record Referral(
      String id,
      String agency,
      String unit,
      String contact,
      String referenceNo,
      Instant referredAt,
      String status,
      Instant receiptDueAt,
      Instant outcomeDueAt,
      boolean overdue,
      Instant receivedAt,
      String outcome,
      Instant outcomeAt,
      String waiveReason,
      List<Feedback> feedback,
      List<Attachments.FileRef> attachments) {}

  public record Feedback(String stage, String note, Instant at) {}

  /** What the reporter learns of each referral: to which kind of agency, and how far it got. */
  public record Progress(String agency, String status) {}

  private final FieldCipher cipher;

  ReferralViews(FieldCipher cipher) {
    this.cipher = cipher;
  }

  List<Referral> of(Handle h, long concernId, Instant now) {
    ReferralDao dao = new ReferralDao(h);
    return dao.ofConcern(concernId).stream().map(r -> full(h, dao, r, now)).toList();
  }

  Referral full(Handle h, ReferralDao dao, ReferralDao.Row r, Instant now) {
    boolean open = OPEN.contains(r.status());
    boolean overdue = open
        && (now.isAfter(r.outcomeDueAt())
            || ("SENT".equals(r.status()) && now.isAfter(r.receiptDueAt())));
    return new Referral(
        Long.toString(r.id()),
        r.agency(),
        r.unit(),
        r.contact(),
        r.referenceNo(),
        r.referredAt(),
        r.status(),
        r.receiptDueAt(),
        r.outcomeDueAt(),
        overdue,
        r.receivedAt(),
        r.outcomeEnc() == null ? null : cipher.decrypt(r.outcomeEnc(), "concern_referrals.outcome"),
        r.outcomeAt(),
        r.waiveReason(),
        dao.feedbackOf(r.id()).stream()
            .map(f -> new Feedback(
                f.stage(),
                f.noteEnc() == null ? null : cipher.decrypt(f.noteEnc(), "referral_feedback.note"),
                f.createdAt()))
            .toList(),
        Attachments.of(h, FilePurpose.REFERRAL_FEEDBACK, r.id()));
  }

  static List<Progress> progress(Handle h, long concernId) {
    return new ReferralDao(h)
        .ofConcern(concernId).stream()
            .map(r -> new Progress(r.agency(), r.status()))
            .toList();
  }
}
