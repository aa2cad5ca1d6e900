package cn.yuhao.care.region;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for districts and streets. */
@RegisterConstructorMapper(Region.class)
@RegisterConstructorMapper(Street.class)
public interface RegionDao {

  @SqlQuery("SELECT code, name, kind FROM regions ORDER BY sort_order")
  List<Region> districts();

  @SqlQuery("SELECT id, district_code, name FROM streets WHERE district_code = :districtCode ORDER BY name")
  List<Street> streets(@Bind("districtCode") String districtCode);

  @SqlQuery("SELECT COUNT(*) FROM streets WHERE district_code = :districtCode AND name = :name")
  int countStreet(@Bind("districtCode") String districtCode, @Bind("name") String name);

  @SqlUpdate("INSERT INTO streets (id, district_code, name, created_at) VALUES (:id, :districtCode, :name, :now)")
  void insertStreet(@Bind("id") long id, @Bind("districtCode") String districtCode, @Bind("name") String name,
                    @Bind("now") Instant now);
}
