package cn.yuhao.care.user;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
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
    RoleInvitationDao dao = new RoleInvitationDao(h);
    var pending = dao.pending(userId, role, scopeKey, now);
    if (!pending.isEmpty()) {
      return pending.get(0);
    }
    long id = Ids.next();
    dao.insert(
        id,
        userId,
        new RoleInvitationDao.Offer(role, districtCode, street, troupeId, merchantId, scopeKey),
        admin.userId(),
        now,
        now.plus(VALID_FOR));
    audit.record(h, admin, "role.invite", "user", Long.toString(userId), role + " " + scopeKey);
    return dao.find(userId, id).orElseThrow();
  }

  /** Her invitations still waiting for an answer. */
  public List<Invitation> pending(Caller caller) {
    Instant now = clock.instant();
    return jdbi.withHandle(h -> new RoleInvitationDao(h).pending(caller.userId(), now));
  }

  public Invitation accept(Caller caller, long id) {
    return decide(caller, id, true);
  }

  public Invitation decline(Caller caller, long id) {
    return decide(caller, id, false);
  }

  private Invitation decide(Caller caller, long id, boolean accept) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      RoleInvitationDao dao = new RoleInvitationDao(h);
      RoleInvitationDao.Row row =
          dao.forUpdate(id, caller.userId()).orElseThrow(() -> AppException.notFound("角色邀请"));
      if (!"PENDING".equals(row.status())) {
        throw new AppException(ErrorCode.INVITE_USED, "这个邀请已经处理过了");
      }
      if (!now.isBefore(row.expiresAt())) {
        throw new AppException(ErrorCode.INVITE_EXPIRED, "这个邀请已过期，请联系邀请您的管理员重新邀请");
      }
      dao.decide(id, accept ? "ACCEPTED" : "DECLINED", now);
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
      return dao.find(caller.userId(), id).orElseThrow();
    });
  }
}
