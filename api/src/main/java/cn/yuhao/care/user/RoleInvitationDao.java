package cn.yuhao.care.user;

import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of role invitations: roles offered to someone outside the granter's scope, until she answers. */
final class RoleInvitationDao {
  /** The role offered and where it applies. */
  record Offer(
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey) {}

  /** An invitation as answering it needs it, read locked. */
  record Row(
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey,
      long invitedBy,
      String status,
      Instant expiresAt) {}

  private static final String SELECT = """
      SELECT id, role, district_code, street, troupe_id, merchant_id, status, created_at, expires_at
        FROM role_invitations WHERE user_id = :u""";

  private final Handle h;

  RoleInvitationDao(Handle h) {
    this.h = h;
  }

  void insert(long id, long userId, Offer o, long by, Instant now, Instant expires) {
    h.createUpdate("""
            INSERT INTO role_invitations (id, user_id, role, district_code, street, troupe_id, merchant_id, scope_key,
                                          invited_by, created_at, expires_at, status)
            VALUES (:id, :u, :role, :d, :s, :t, :m, :key, :by, :now, :exp, 'PENDING')""")
        .bind("id", id)
        .bind("u", userId)
        .bind("role", o.role())
        .bind("d", o.districtCode())
        .bind("s", o.street())
        .bind("t", o.troupeId())
        .bind("m", o.merchantId())
        .bind("key", o.scopeKey())
        .bind("by", by)
        .bind("now", now)
        .bind("exp", expires)
        .execute();
  }

  /** Her invitations still open at {@code now}, newest first, at most 50. */
  List<RoleInvitations.Invitation> pending(long userId, Instant now) {
    return h.createQuery(
            SELECT + " AND status = 'PENDING' AND expires_at > :now ORDER BY id DESC LIMIT 50")
        .bind("u", userId)
        .bind("now", now)
        .map(RoleInvitationDao::invitation)
        .list();
  }

  /** Her open invitations to this role and scope. */
  List<RoleInvitations.Invitation> pending(long userId, String role, String scopeKey, Instant now) {
    return h.createQuery(SELECT + " " + """
             AND role = :role AND scope_key = :key AND status = 'PENDING' AND expires_at > :now
             ORDER BY id DESC LIMIT 50""")
        .bind("u", userId)
        .bind("role", role)
        .bind("key", scopeKey)
        .bind("now", now)
        .map(RoleInvitationDao::invitation)
        .list();
  }

  Optional<RoleInvitations.Invitation> find(long userId, long id) {
    return h.createQuery(SELECT + " AND id = :id")
        .bind("u", userId)
        .bind("id", id)
        .map(RoleInvitationDao::invitation)
        .findOne();
  }

  Optional<Row> forUpdate(long id, long userId) {
    return h.createQuery("""
            SELECT role, district_code, street, troupe_id, merchant_id, scope_key, invited_by, status, expires_at
              FROM role_invitations WHERE id = :id AND user_id = :u FOR UPDATE""")
        .bind("id", id)
        .bind("u", userId)
        .map((rs, ctx) -> new Row(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getObject(4, Long.class),
            rs.getObject(5, Long.class),
            rs.getString(6),
            rs.getLong(7),
            rs.getString(8),
            Columns.instant(rs, "expires_at", ctx)))
        .findOne();
  }

  void decide(long id, String status, Instant now) {
    h.createUpdate("UPDATE role_invitations SET status = :s, decided_at = :now WHERE id = :id")
        .bind("s", status)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  private static RoleInvitations.Invitation invitation(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new RoleInvitations.Invitation(
        rs.getString("id"),
        rs.getString("role"),
        rs.getString("district_code"),
        rs.getString("street"),
        rs.getString("troupe_id"),
        rs.getString("merchant_id"),
        rs.getString("status"),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "expires_at", ctx));
  }
}
