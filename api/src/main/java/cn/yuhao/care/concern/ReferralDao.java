package cn.yuhao.care.concern;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for a report's referrals, the agencies' one-time links and their answers. No DELETE anywhere. */
final class ReferralDao {
  public record Row(
      long id,
      long concernId,
      String districtCode,
      String street,
      String agency,
      String unit,
      String contact,
      String referenceNo,
      Instant referredAt,
      String status,
      Instant receiptDueAt,
      Instant outcomeDueAt,
      Instant receivedAt,
      String outcomeEnc,
      Instant outcomeAt,
      String waiveReason,
      Instant receiptEscalatedAt,
      Instant outcomeEscalatedAt) {}

  public record Feedback(long id, String stage, String noteEnc, Instant createdAt) {}

  public record Link(long id, long referralId, Instant expiresAt, Instant openedAt) {}

  private static final String COLUMNS =
      "id, concern_id, district_code, street, agency, unit, contact, "
          + "reference_no, referred_at, status, receipt_due_at, outcome_due_at, received_at, outcome_enc, outcome_at, "
          + "waive_reason, receipt_escalated_at, outcome_escalated_at";

  private final Handle h;

  ReferralDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      ConcernDao.Row concern,
      ConcernService.ReferInput in,
      long by,
      Instant receiptDue,
      Instant outcomeDue,
      Instant now) {
    h.createUpdate("""
            INSERT INTO concern_referrals (id, concern_id, district_code, street, agency, unit, contact, reference_no,
                                           referred_at, referred_by, status, receipt_due_at, outcome_due_at,
                                           created_at, updated_at)
            VALUES (:id, :concern, :district, :street, :agency, :unit, :contact, :ref, :at, :by, 'SENT',
                    :receiptDue, :outcomeDue, :now, :now)""")
        .bind("id", id)
        .bind("concern", concern.id())
        .bind("district", concern.districtCode())
        .bind("street", concern.street())
        .bind("agency", in.agency())
        .bind("unit", in.unit().strip())
        .bind("contact", blankToNull(in.contact()))
        .bind("ref", blankToNull(in.referenceNo()))
        .bind("at", in.referredAt())
        .bind("by", by)
        .bind("receiptDue", receiptDue)
        .bind("outcomeDue", outcomeDue)
        .bind("now", now)
        .execute();
  }

  List<Row> ofConcern(long concernId) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM concern_referrals WHERE concern_id = :c ORDER BY id")
        .bind("c", concernId)
        .map(ConstructorMapper.of(Row.class))
        .list();
  }

  Optional<Row> find(long id, boolean forUpdate) {
    return h.createQuery("SELECT " + COLUMNS + " FROM concern_referrals WHERE id = :id"
            + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  boolean sameAgencyUnit(long concernId, String agency, String unit) {
    return h.createQuery(
                "SELECT COUNT(*) FROM concern_referrals WHERE concern_id = :c AND agency = :a "
                    + "AND unit = :u")
            .bind("c", concernId)
            .bind("a", agency)
            .bind("u", unit.strip())
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** An agency's answer moves the referral forward; its outcome closes it (DONE). */
  void answer(long id, String status, String outcomeEnc, Instant now) {
    h.createUpdate("""
            UPDATE concern_referrals
               SET status = :status,
                   received_at = COALESCE(received_at, :now),
                   outcome_enc = COALESCE(:outcome, outcome_enc),
                   outcome_at = CASE WHEN :status = 'DONE' THEN :now ELSE outcome_at END,
                   updated_at = :now
             WHERE id = :id""")
        .bind("id", id)
        .bind("status", status)
        .bind("outcome", outcomeEnc)
        .bind("now", now)
        .execute();
  }

  void waive(long id, String reason, long by, Instant now) {
    h.createUpdate("""
            UPDATE concern_referrals SET status = 'WAIVED', waive_reason = :reason, waived_by = :by, updated_at = :now
             WHERE id = :id""")
        .bind("id", id)
        .bind("reason", reason)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void feedback(long id, long referralId, Long linkId, String stage, String noteEnc, Instant now) {
    h.createUpdate("""
            INSERT INTO referral_feedback (id, referral_id, link_id, stage, note_enc, created_at)
            VALUES (:id, :r, :link, :stage, :note, :now)""")
        .bind("id", id)
        .bind("r", referralId)
        .bind("link", linkId)
        .bind("stage", stage)
        .bind("note", noteEnc)
        .bind("now", now)
        .execute();
  }

  List<Feedback> feedbackOf(long referralId) {
    return h.createQuery("SELECT id, stage, note_enc, created_at FROM referral_feedback "
            + "WHERE referral_id = :r ORDER BY id")
        .bind("r", referralId)
        .map(ConstructorMapper.of(Feedback.class))
        .list();
  }

  void insertLink(
      long id, long referralId, String tokenHash, long by, Instant now, Instant expires) {
    h.createUpdate("""
            INSERT INTO referral_links (id, referral_id, token_hash, issued_by, issued_at, expires_at)
            VALUES (:id, :r, :hash, :by, :now, :expires)""")
        .bind("id", id)
        .bind("r", referralId)
        .bind("hash", tokenHash)
        .bind("by", by)
        .bind("now", now)
        .bind("expires", expires)
        .execute();
  }

  Optional<Link> linkByToken(String tokenHash) {
    return h.createQuery("SELECT id, referral_id, expires_at, opened_at FROM referral_links "
            + "WHERE token_hash = :t FOR UPDATE")
        .bind("t", tokenHash)
        .map(ConstructorMapper.of(Link.class))
        .findOne();
  }

  Optional<Link> linkBySession(String sessionHash) {
    return h.createQuery("SELECT id, referral_id, expires_at, opened_at FROM referral_links "
            + "WHERE session_hash = :s")
        .bind("s", sessionHash)
        .map(ConstructorMapper.of(Link.class))
        .findOne();
  }

  void open(long linkId, String sessionHash, Instant now) {
    h.createUpdate("UPDATE referral_links SET opened_at = :now, session_hash = :s WHERE id = :id")
        .bind("id", linkId)
        .bind("s", sessionHash)
        .bind("now", now)
        .execute();
  }

  /** Referrals past a deadline not yet escalated for it: receipt (still SENT) or outcome (not DONE/WAIVED). */
  List<Row> overdue(Instant now, int limit) {
    return h.createQuery("SELECT " + COLUMNS + """
             FROM concern_referrals
            WHERE (status = 'SENT' AND receipt_due_at < :now AND receipt_escalated_at IS NULL)
               OR (status IN ('SENT', 'RECEIVED', 'ACTING') AND outcome_due_at < :now AND outcome_escalated_at IS NULL)
            ORDER BY id LIMIT :limit""")
        .bind("now", now)
        .bind("limit", limit)
        .map(ConstructorMapper.of(Row.class))
        .list();
  }

  void markEscalated(long id, boolean receipt, Instant now) {
    h.createUpdate("UPDATE concern_referrals SET "
            + (receipt ? "receipt_escalated_at" : "outcome_escalated_at")
            + " = :now, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("now", now)
        .execute();
  }

  /** What an agency is told of the child: enough to find her, no identity number, address or guardian. */
  public record ChildFacts(
      String name,
      String gender,
      java.time.LocalDate birthDate,
      String districtCode,
      String street) {}

  ChildFacts child(long concernId) {
    return h.createQuery("SELECT c.name, c.gender, c.birth_date, c.district_code, c.street "
            + "FROM concerns k JOIN children c ON c.id = k.child_id WHERE k.id = :k")
        .bind("k", concernId)
        .map(ConstructorMapper.of(ChildFacts.class))
        .one();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
