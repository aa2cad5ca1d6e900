package cn.yuhao.care.auth;

import java.util.Comparator;
import java.util.List;

/**
 * The authenticated user of one request: who, which session, which grants, which request; dashboardOnly when the
 * session was made by scan-to-login for the web dashboard (read-only: only routes marked DASHBOARD).
 */
public record Caller(
    long userId, long sessionId, List<RoleGrant> grants, String requestId, boolean dashboardOnly)
    implements cn.yuhao.care.audit.Actor {

  public Caller(long userId, long sessionId, List<RoleGrant> grants, String requestId) {
    this(userId, sessionId, grants, requestId, false);
  }

  public boolean hasRole(Role role) {
    return grants.stream().anyMatch(g -> g.role() == role);
  }

  /** The strongest role held, recorded in the audit log as the capacity the user acted in. */
  public String primaryRole() {
    return grants.stream()
        .map(RoleGrant::role)
        .max(Comparator.naturalOrder())
        .map(Enum::name)
        .orElse("USER");
  }

  /**
   * Whether she coaches the troupe: a COACH grant naming it, or a district-wide COACH grant of its district.
   */
  public boolean coaches(String troupeDistrictCode, long troupeId) {
    return grants.stream()
        .anyMatch(g -> g.role() == Role.COACH
            && troupeDistrictCode.equals(g.districtCode())
            && (g.troupeId() == null || g.troupeId() == troupeId));
  }

  /**
   * Whether she reads as a third-party evaluator on this request: every personal field is then masked, whatever
   * else she holds. Only true on routes open to evaluators (AuthFilter drops the grant everywhere else).
   */
  public boolean evaluating() {
    return hasRole(Role.EVALUATOR);
  }

  /** The same caller without the grants of one role. */
  public Caller without(Role role) {
    return new Caller(
        userId,
        sessionId,
        grants.stream().filter(g -> g.role() != role).toList(),
        requestId,
        dashboardOnly);
  }

  /** What this caller may see as an administrator or supervisor. */
  public Scope adminScope() {
    return Scope.of(grants);
  }
}
