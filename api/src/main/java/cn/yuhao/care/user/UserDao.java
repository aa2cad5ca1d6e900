package cn.yuhao.care.user;

import cn.yuhao.care.auth.BindScope;
import cn.yuhao.care.auth.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for users. Admin reads are scoped: a user is visible to an admin who covers one of her grants. */
@RegisterConstructorMapper(UserRow.class)
public interface UserDao {
  String COLUMNS = "u.id, u.openid, u.unionid, u.phone_enc, u.volunteer_status, u.status, u.created_at";

  @SqlQuery("SELECT " + COLUMNS + " FROM users u WHERE u.openid = :openid")
  Optional<UserRow> findByOpenid(@Bind("openid") String openid);

  @SqlQuery("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id")
  Optional<UserRow> findById(@Bind("id") long id);

  /** The user if the scope covers her: city admins see everyone, others only holders of grants inside. */
  @SqlQuery("SELECT " + COLUMNS + """
       FROM users u
      WHERE u.id = :id
        AND (:scopeAll OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND <scope>))
      """)
  Optional<UserRow> findInScope(@Bind("id") long id, @Bind("scopeAll") boolean scopeAll,
                                @BindScope("g") Scope scope);

  @SqlQuery("SELECT " + COLUMNS + """
       FROM users u
      WHERE u.id < :before
        AND EXISTS (SELECT 1 FROM role_grants g
                     WHERE g.user_id = u.id AND <scope>
                       AND (:role IS NULL OR g.role = :role)
                       AND (:districtCode IS NULL OR g.district_code = :districtCode))
      ORDER BY u.id DESC
      LIMIT :limit
      """)
  List<UserRow> listWithGrants(@BindScope("g") Scope scope, @Bind("role") String role,
                               @Bind("districtCode") String districtCode, @Bind("before") long before,
                               @Bind("limit") int limit);

  @SqlUpdate("""
      INSERT INTO users (id, openid, unionid, created_at, updated_at)
      VALUES (:id, :openid, :unionid, :now, :now)
      """)
  void insert(@Bind("id") long id, @Bind("openid") String openid, @Bind("unionid") String unionid,
              @Bind("now") Instant now);

  @SqlUpdate("UPDATE users SET unionid = :unionid, updated_at = :now WHERE id = :id")
  void updateUnionid(@Bind("id") long id, @Bind("unionid") String unionid, @Bind("now") Instant now);

  @SqlUpdate("""
      UPDATE users SET phone_enc = :phoneEnc, phone_index = :phoneIndex, updated_at = :now WHERE id = :id
      """)
  void updatePhone(@Bind("id") long id, @Bind("phoneEnc") String phoneEnc, @Bind("phoneIndex") String phoneIndex,
                   @Bind("now") Instant now);

  @SqlUpdate("UPDATE users SET status = :status, updated_at = :now WHERE id = :id AND status <> :status")
  int updateStatus(@Bind("id") long id, @Bind("status") String status, @Bind("now") Instant now);
}
