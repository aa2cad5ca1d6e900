package cn.yuhao.care.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for role grants. */
public final class GrantDao {
  private static final String COLUMNS =
      "id, user_id, role, district_code, street, troupe_id, merchant_id, granted_at, expires_at";

  /** The columns of grants joined as {@code g}, named {@code g_<column>} (for a mapper with prefix "g_"). */
  static final String JOINED_COLUMNS = java.util.Arrays.stream(COLUMNS.split(", "))
      .map(c -> "g." + c + " AS g_" + c)
      .collect(java.util.stream.Collectors.joining(", "));

  private final Handle h;

  public GrantDao(Handle h) {
    this.h = h;
  }

  public List<RoleGrant> ofUser(long userId) {
    return h.createQuery("SELECT " + COLUMNS
            + " FROM role_grants WHERE user_id = :userId ORDER BY granted_at, id")
        .bind("userId", userId)
        .mapTo(RoleGrant.class)
        .list();
  }

  public List<RoleGrant> ofUsers(Collection<Long> userIds) {
    return h.createQuery("SELECT " + COLUMNS
            + " FROM role_grants WHERE user_id IN (<userIds>) ORDER BY granted_at, id")
        .bindList("userIds", userIds)
        .mapTo(RoleGrant.class)
        .list();
  }

  public Optional<RoleGrant> find(long userId, String role, String scopeKey) {
    return h.createQuery(
            "SELECT " + COLUMNS
                + " FROM role_grants WHERE user_id = :userId AND role = :role AND scope_key = :scopeKey")
        .bind("userId", userId)
        .bind("role", role)
        .bind("scopeKey", scopeKey)
        .mapTo(RoleGrant.class)
        .findOne();
  }

  /** A grant until revoked. */
  public void insert(
      long id,
      long userId,
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey,
      Long grantedBy,
      Instant now) {
    insert(
        id,
        userId,
        role,
        districtCode,
        street,
        troupeId,
        merchantId,
        scopeKey,
        grantedBy,
        now,
        null);
  }

  public void insert(
      long id,
      long userId,
      String role,
      String districtCode,
      String street,
      Long troupeId,
      Long merchantId,
      String scopeKey,
      Long grantedBy,
      Instant now,
      Instant expiresAt) {
    h.createUpdate("""
            INSERT INTO role_grants (id, user_id, role, district_code, street, troupe_id, merchant_id, scope_key,
                                     granted_by, granted_at, expires_at)
            VALUES (:id, :userId, :role, :districtCode, :street, :troupeId, :merchantId, :scopeKey, :grantedBy, :now,
                    :expiresAt)
            """)
        .bind("id", id)
        .bind("userId", userId)
        .bind("role", role)
        .bind("districtCode", districtCode)
        .bind("street", street)
        .bind("troupeId", troupeId)
        .bind("merchantId", merchantId)
        .bind("scopeKey", scopeKey)
        .bind("grantedBy", grantedBy)
        .bind("now", now)
        .bind("expiresAt", expiresAt)
        .execute();
    h.getConfig(SessionCache.class).forgetUser(userId);
  }

  /** A period role granted again: its period starts anew and ends at {@code expiresAt}. */
  public void renew(RoleGrant g, Long grantedBy, Instant now, Instant expiresAt) {
    h.createUpdate(
            "UPDATE role_grants SET granted_by = :by, granted_at = :now, expires_at = :e WHERE id = :id")
        .bind("by", grantedBy)
        .bind("now", now)
        .bind("e", expiresAt)
        .bind("id", g.id())
        .execute();
    h.getConfig(SessionCache.class).forgetUser(g.userId());
  }

  public int delete(long id) {
    h.createQuery("SELECT user_id FROM role_grants WHERE id = :id")
        .bind("id", id)
        .mapTo(Long.class)
        .findOne()
        .ifPresent(u -> h.getConfig(SessionCache.class).forgetUser(u));
    return h.createUpdate("DELETE FROM role_grants WHERE id = :id")
        .bind("id", id)
        .execute();
  }

  public int deleteRole(long userId, String role) {
    h.getConfig(SessionCache.class).forgetUser(userId);
    return h.createUpdate("DELETE FROM role_grants WHERE user_id = :userId AND role = :role")
        .bind("userId", userId)
        .bind("role", role)
        .execute();
  }

  /** A coach leaves a troupe. */
  public int deleteTroupeCoach(long userId, long troupeId) {
    h.getConfig(SessionCache.class).forgetUser(userId);
    return h.createUpdate(
            "DELETE FROM role_grants WHERE user_id = :u AND role = 'COACH' AND troupe_id = :t")
        .bind("u", userId)
        .bind("t", troupeId)
        .execute();
  }

  /** Users holding any of the roles; of one district when {@code districtCode} is given. */
  public List<Long> holders(java.util.Set<String> roles, String districtCode) {
    return h.createQuery("""
            SELECT DISTINCT user_id FROM role_grants
             WHERE role IN (<roles>) AND (:d IS NULL OR district_code = :d) ORDER BY user_id""")
        .bindList("roles", List.copyOf(roles))
        .bind("d", districtCode)
        .mapTo(Long.class)
        .list();
  }

  /** Locks the CITY_ADMIN grants so two admins cannot revoke the last two at the same moment. */
  public List<Long> lockCityAdminGrants() {
    return h.createQuery("SELECT id FROM role_grants WHERE role = 'CITY_ADMIN' FOR UPDATE")
        .mapTo(Long.class)
        .list();
  }
}
