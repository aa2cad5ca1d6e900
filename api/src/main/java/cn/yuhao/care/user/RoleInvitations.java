package cn.yuhao.care.user;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Roles offered to people outside the granter's scope: a pending invitation the user accepts or declines in the
 * mini-program; only an accepted one becomes a grant. Until then the granter learns nothing more about her.
 */
public final class RoleInvitations {
  static final Duration VALID_FOR = Duration.ofDays(7);

  public record Invitation(
      String id,
      String role,
      String districtCode,
      String street,
      String troupeId,
      String merchantId,
      String status,
      Instant createdAt,
      Instant expiresAt) {}

  private record Row(
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey,
      long invitedBy,
      String status,
      Instant expiresAt) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public RoleInvitations(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** In the granter's transaction: a pending invitation (a repeated one is answered with the pending one). */
  Invitation invite(
      Handle h,
      Caller admin,
      long userId,
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey) {
    Instant now = clock.instant();
    var pending = find(
        h,
        userId,
        "AND role = :role AND scope_key = :key AND status = 'PENDING' AND expires_at > :now",
        q -> q.bind("role", role).bind("key", scopeKey).bind("now", now));
    if (!pending.isEmpty()) {
      return pending.get(0);
    }
    long id = Ids.next();
    h.createUpdate("""
            INSERT INTO role_invitations (id, user_id, role, district_code, street, troupe_id, merchant_id, scope_key,
                                          invited_by, created_at, expires_at, status)
            VALUES (:id, :u, :role, :d, :s, :t, :m, :key, :by, :now, :exp, 'PENDING')""")
        .bind("id", id)
        .bind("u", userId)
        .bind("role", role)
        .bind("d", districtCode)
        .bind("s", street)
        .bind("t", troupeId)
        .bind("m", merchantId)
        .bind("key", scopeKey)
        .bind("by", admin.userId())
        .bind("now", now)
        .bind("exp", now.plus(VALID_FOR))
        .execute();
    audit.record(h, admin, "role.invite", "user", Long.toString(userId), role + " " + scopeKey);
    return find(h, userId, "AND id = :id", q -> q.bind("id", id)).get(0);
  }

  /** Her invitations still waiting for an answer. */
  public List<Invitation> pending(Caller caller) {
    Instant now = clock.instant();
    return jdbi.withHandle(h -> find(
        h,
        caller.userId(),
        "AND status = 'PENDING' AND expires_at > :now",
        q -> q.bind("now", now)));
  }

  public Invitation accept(Caller caller, String rawId) {
    return decide(caller, rawId, true);
  }

  public Invitation decline(Caller caller, String rawId) {
    return decide(caller, rawId, false);
  }

  private Invitation decide(Caller caller, String rawId, boolean accept) {
    long id = Ids.parseOr(rawId, -1);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Row row = h.createQuery("""
              SELECT role, district_code, street, troupe_id, merchant_id, scope_key, invited_by, status, expires_at
                FROM role_invitations WHERE id = :id AND user_id = :u FOR UPDATE""")
          .bind("id", id)
          .bind("u", caller.userId())
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
          .findOne()
          .orElseThrow(() -> AppException.notFound("角色邀请"));
      if (!"PENDING".equals(row.status())) {
        throw new AppException(ErrorCode.INVITE_USED, "这个邀请已经处理过了");
      }
      if (!now.isBefore(row.expiresAt())) {
        throw new AppException(ErrorCode.INVITE_EXPIRED, "这个邀请已过期，请联系邀请您的管理员重新邀请");
      }
      h.createUpdate("UPDATE role_invitations SET status = :s, decided_at = :now WHERE id = :id")
          .bind("s", accept ? "ACCEPTED" : "DECLINED")
          .bind("now", now)
          .bind("id", id)
          .execute();
      if (accept
          && new GrantDao(h).find(caller.userId(), row.role(), row.scopeKey()).isEmpty()) {
        new GrantDao(h)
            .insert(
                Ids.next(),
                caller.userId(),
                row.role(),
                row.districtCode(),
                row.street(),
                row.troupeId(),
                row.merchantId(),
                row.scopeKey(),
                row.invitedBy(),
                now);
      }
      audit.record(
          h,
          caller,
          accept ? "role.invite.accept" : "role.invite.decline",
          "user",
          Long.toString(caller.userId()),
          row.role() + " " + row.scopeKey());
      return find(h, caller.userId(), "AND id = :id", q -> q.bind("id", id)).get(0);
    });
  }

  private static List<Invitation> find(
      Handle h,
      long userId,
      String where,
      java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Query> binds) {
    return binds
        .apply(h.createQuery("""
            SELECT id, role, district_code, street, troupe_id, merchant_id, status, created_at, expires_at
              FROM role_invitations WHERE user_id = :u""" + " " + where + " ORDER BY id DESC LIMIT 50").bind("u", userId))
        .map((rs, ctx) -> new Invitation(
            rs.getString("id"),
            rs.getString("role"),
            rs.getString("district_code"),
            rs.getString("street"),
            rs.getString("troupe_id"),
            rs.getString("merchant_id"),
            rs.getString("status"),
            Columns.instant(rs, "created_at", ctx),
            Columns.instant(rs, "expires_at", ctx)))
        .list();
  }
}
