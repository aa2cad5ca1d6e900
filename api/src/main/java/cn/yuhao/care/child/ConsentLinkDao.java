package cn.yuhao.care.child;

import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the links a guardian answers in the mini-program to give (or refuse) consent. */
final class ConsentLinkDao {
  /** A link with its child's name, where she lives, and how it was answered. */
  record Link(
      long id,
      long childId,
      String childName,
      String districtCode,
      String street,
      String textVersion,
      Instant expiresAt,
      Instant answeredAt,
      String outcome) {}

  /** A guardian on file, as the link names her. */
  record Guardian(String name, String relation) {}

  private final Handle h;

  ConsentLinkDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      long childId,
      ChildRow child,
      String textVersion,
      Instant expires,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO consent_links (id, child_id, district_code, street, text_version, expires_at, created_by,
                                       created_at)
            VALUES (:id, :c, :d, :s, :v, :exp, :by, :now)""")
        .bind("id", id)
        .bind("c", childId)
        .bind("d", child.districtCode())
        .bind("s", child.street())
        .bind("v", textVersion)
        .bind("exp", expires)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  List<Guardian> guardians(long childId) {
    return h.createQuery(
            "SELECT name, relation FROM child_guardians WHERE child_id = :c ORDER BY sort_order")
        .bind("c", childId)
        .map((rs, ctx) -> new Guardian(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** Records the answer, unless the link was answered already. */
  void answer(
      long id,
      long by,
      String outcome,
      String guardianName,
      String relation,
      Long consentId,
      Instant now) {
    h.createUpdate("""
            UPDATE consent_links SET answered_at = :now, answered_by = :by, outcome = :o, guardian_name = :g,
                   relation = :r, consent_id = :c
             WHERE id = :id AND answered_at IS NULL""")
        .bind("id", id)
        .bind("now", now)
        .bind("by", by)
        .bind("o", outcome)
        .bind("g", guardianName)
        .bind("r", relation)
        .bind("c", consentId)
        .execute();
  }

  Optional<Link> find(long id, boolean forUpdate) {
    return h.createQuery("""
            SELECT l.id, l.child_id, c.name, l.district_code, l.street, l.text_version, l.expires_at, l.answered_at,
                   l.outcome
              FROM consent_links l JOIN children c ON c.id = l.child_id WHERE l.id = :id""" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id)
        .map((rs, ctx) -> new Link(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            Columns.instant(rs, "expires_at", ctx),
            Columns.instant(rs, "answered_at", ctx),
            rs.getString(9)))
        .findOne();
  }
}
