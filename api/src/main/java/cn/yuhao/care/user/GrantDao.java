package cn.yuhao.care.user;

import cn.yuhao.care.auth.RoleGrant;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for role grants. */
@RegisterConstructorMapper(RoleGrant.class)
public interface GrantDao {
  String COLUMNS = "id, user_id, role, district_code, street, troupe_id, merchant_id, granted_at";

  @SqlQuery("SELECT " + COLUMNS + " FROM role_grants WHERE user_id = :userId ORDER BY granted_at, id")
  List<RoleGrant> ofUser(@Bind("userId") long userId);

  @SqlQuery("SELECT " + COLUMNS + " FROM role_grants WHERE user_id IN (<userIds>) ORDER BY granted_at, id")
  List<RoleGrant> ofUsers(@BindList("userIds") Collection<Long> userIds);

  @SqlQuery("SELECT " + COLUMNS
      + " FROM role_grants WHERE user_id = :userId AND role = :role AND scope_key = :scopeKey")
  Optional<RoleGrant> find(@Bind("userId") long userId, @Bind("role") String role,
                           @Bind("scopeKey") String scopeKey);

  @SqlUpdate("""
      INSERT INTO role_grants (id, user_id, role, district_code, street, troupe_id, merchant_id, scope_key,
                               granted_by, granted_at)
      VALUES (:id, :userId, :role, :districtCode, :street, :troupeId, :merchantId, :scopeKey, :grantedBy, :now)
      """)
  void insert(@Bind("id") long id, @Bind("userId") long userId, @Bind("role") String role,
              @Bind("districtCode") String districtCode, @Bind("street") String street,
              @Bind("troupeId") Long troupeId, @Bind("merchantId") Long merchantId,
              @Bind("scopeKey") String scopeKey, @Bind("grantedBy") Long grantedBy, @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM role_grants WHERE id = :id")
  int delete(@Bind("id") long id);

  /** Locks the CITY_ADMIN grants so two admins cannot revoke the last two at the same moment. */
  @SqlQuery("SELECT id FROM role_grants WHERE role = 'CITY_ADMIN' FOR UPDATE")
  List<Long> lockCityAdminGrants();
}
