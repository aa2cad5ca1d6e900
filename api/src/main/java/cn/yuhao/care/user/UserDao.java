package cn.yuhao.care.user;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for users. Admin reads are scoped: a user is visible to an admin who covers one of her grants. */
public final class UserDao {
  public static final String COLUMNS =
      "u.id, u.openid, u.unionid, u.phone_enc, u.volunteer_status, u.status, u.created_at";

  private final Handle h;

  public UserDao(Handle h) {
    this.h = h;
  }

  public Optional<UserRow> findByOpenid(String openid) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.openid = :openid")
        .bind("openid", openid)
        .mapTo(UserRow.class)
        .findOne();
  }

  /** Locks the user's row, so her own requests run one at a time. */
  public void lock(long id) {
    h.createQuery("SELECT id FROM users WHERE id = :u FOR UPDATE")
        .bind("u", id)
        .mapTo(Long.class)
        .findOne();
  }

  public Optional<UserRow> findById(long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id")
        .bind("id", id)
        .mapTo(UserRow.class)
        .findOne();
  }

  /** The user if the scope covers her: city admins see everyone, others only holders of grants inside. */
  public Optional<UserRow> findInScope(long id, Scope scope) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         FROM users u
        WHERE u.id = :id
          AND (:scopeAll OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND <scope>))
        """).bind("id", id).bind("scopeAll", scope.all());
    return ScopeFilter.apply(q, "g", scope).mapTo(UserRow.class).findOne();
  }

  public List<UserRow> listWithGrants(
      Scope scope, String role, String districtCode, long before, int limit) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         FROM users u
        WHERE u.id < :before
          AND EXISTS (SELECT 1 FROM role_grants g
                       WHERE g.user_id = u.id AND <scope>
                         AND (:role IS NULL OR g.role = :role)
                         AND (:districtCode IS NULL OR g.district_code = :districtCode))
        ORDER BY u.id DESC
        LIMIT :limit
        """)
        .bind("before", before)
        .bind("role", role)
        .bind("districtCode", districtCode)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "g", scope).mapTo(UserRow.class).list();
  }

  public void insert(long id, String openid, String unionid, Instant now) {
    h.createUpdate("""
            INSERT INTO users (id, openid, unionid, created_at, updated_at)
            VALUES (:id, :openid, :unionid, :now, :now)
            """)
        .bind("id", id)
        .bind("openid", openid)
        .bind("unionid", unionid)
        .bind("now", now)
        .execute();
  }

  public void updateUnionid(long id, String unionid, Instant now) {
    h.createUpdate("UPDATE users SET unionid = :unionid, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("unionid", unionid)
        .bind("now", now)
        .execute();
  }

  public void updatePhone(long id, String phoneEnc, String phoneIndex, Instant now) {
    h.createUpdate("""
            UPDATE users SET phone_enc = :phoneEnc, phone_index = :phoneIndex, updated_at = :now WHERE id = :id
            """)
        .bind("id", id)
        .bind("phoneEnc", phoneEnc)
        .bind("phoneIndex", phoneIndex)
        .bind("now", now)
        .execute();
  }

  public void updateVolunteerStatus(long id, String volunteerStatus, Instant now) {
    h.createUpdate("UPDATE users SET volunteer_status = :vs, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("vs", volunteerStatus)
        .bind("now", now)
        .execute();
  }

  public int updateStatus(long id, String status, Instant now) {
    h.getConfig(cn.yuhao.care.auth.SessionCache.class).forgetUser(id);
    return h.createUpdate(
            "UPDATE users SET status = :status, updated_at = :now WHERE id = :id AND status <> :status")
        .bind("id", id)
        .bind("status", status)
        .bind("now", now)
        .execute();
  }
}
