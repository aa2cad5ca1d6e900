package cn.yuhao.care.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.support.ApiTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The schema's history holds only what a fresh install needs: no trigger, function, procedure or event (they need
 * extra privileges and do not run on TiDB), and the baseline creates exactly the schema of the chain it replaced.
 */
class SchemaHistoryTest extends ApiTest {
  private static final Pattern STORED_CODE = Pattern.compile(
      "CREATE\\s+(OR\\s+REPLACE\\s+)?(DEFINER\\s*=\\s*\\S+\\s+)?"
          + "(TRIGGER|PROCEDURE|FUNCTION|EVENT)\\b",
      Pattern.CASE_INSENSITIVE);

  @Test
  void no_migration_creates_a_trigger_routine_or_event() throws Exception {
    List<String> offending = new ArrayList<>();
    for (Path script : migrationScripts()) {
      String sql = Files.readString(script, StandardCharsets.UTF_8);
      if (STORED_CODE.matcher(sql).find()) {
        offending.add(script.getFileName().toString());
      }
    }
    assertEquals(List.of(), offending, "migrations that create stored code");

    // And the migrated database of this run has none, whatever created it.
    Jdbi jdbi = server.app().services().jdbi();
    for (String table : List.of(
        "triggers WHERE trigger_schema",
        "routines WHERE routine_schema",
        "events WHERE event_schema")) {
      int n = jdbi.withHandle(
          h -> h.createQuery("SELECT COUNT(*) FROM information_schema." + table + " = DATABASE()")
              .mapTo(Integer.class)
              .one());
      assertEquals(0, n, table);
    }
  }

  @Test
  void the_stored_code_check_recognises_what_it_forbids() {
    for (String sql : List.of(
        "CREATE TRIGGER t AFTER INSERT",
        "create definer=`root`@`%` procedure p()",
        "CREATE OR REPLACE FUNCTION f()",
        "CREATE EVENT e ON SCHEDULE")) {
      assertTrue(STORED_CODE.matcher(sql).find(), sql);
    }
  }

  /**
   * Old chain = new baseline, compared in information_schema. The old chain is not in the tree any more;
   * {@code scripts/compare-baseline.sh} takes it from git history and passes its folder as
   * {@code -Dbaseline.oldChain=…}. Without it there is nothing to compare with.
   */
  @Test
  void the_baseline_creates_the_schema_of_the_chain_it_replaced() throws Exception {
    String oldChain = System.getProperty("baseline.oldChain");
    assumeTrue(oldChain != null && !oldChain.isBlank(), "run through scripts/compare-baseline.sh");

    String oldUrl = server.freshDatabase("yuhao_chain_old");
    String newUrl = server.freshDatabase("yuhao_chain_new");
    try (Database oldDb = open(oldUrl);
        Database newDb = open(newUrl)) {
      Flyway.configure()
          .dataSource(oldDb.dataSource())
          .locations("filesystem:" + oldChain)
          .load()
          .migrate();
      // The baseline only (V1 schema, V2 reference data): later migrations change the schema on
      // purpose.
      Flyway.configure()
          .dataSource(newDb.dataSource())
          .locations("classpath:db/migration")
          .target("2")
          .load()
          .migrate();
      List<String> oldSchema = describe(Jdbi.create(oldDb.dataSource()));
      List<String> newSchema = describe(Jdbi.create(newDb.dataSource()));
      assertTrue(
          oldSchema.size() > 500, "the old chain created " + oldSchema.size() + " schema facts");
      assertEquals(String.join("\n", oldSchema), String.join("\n", newSchema));
    }
  }

  private static Database open(String url) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DB_URL", url);
    env.put("PORT", "0");
    return Database.open(AppConfig.fromEnv(env), new SimpleMeterRegistry());
  }

  /** Every column, index, constraint and table option of the current schema, and the reference rows. */
  private static List<String> describe(Jdbi jdbi) {
    List<String> facts = new ArrayList<>();
    jdbi.useHandle(h -> {
      for (String query : List.of(
          "SELECT CONCAT_WS('|', 'table', table_name, engine, table_collation) FROM information_schema.tables"
              + " WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'",
          "SELECT CONCAT_WS('|', 'column', table_name, ordinal_position, column_name, column_type, is_nullable,"
              + " IFNULL(column_default, '<none>'), IFNULL(character_set_name, '-'), IFNULL(collation_name, '-'),"
              + " extra, IFNULL(generation_expression, '-')) FROM information_schema.columns"
              + " WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'",
          "SELECT CONCAT_WS('|', 'index', table_name, index_name, non_unique, seq_in_index, column_name,"
              + " IFNULL(sub_part, '-'), index_type) FROM information_schema.statistics"
              + " WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'",
          "SELECT CONCAT_WS('|', 'constraint', table_name, constraint_name, constraint_type)"
              + " FROM information_schema.table_constraints"
              + " WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'",
          "SELECT CONCAT_WS('|', 'check', constraint_name, check_clause) FROM information_schema.check_constraints"
              + " WHERE constraint_schema = DATABASE()",
          "SELECT CONCAT_WS('|', 'region', code, name, kind, sort_order) FROM regions",
          "SELECT CONCAT_WS('|', 'account', id, kind, owner_id, balance, allow_negative) FROM points_accounts")) {
        facts.addAll(h.createQuery(query).mapTo(String.class).list());
      }
    });
    facts.sort(null);
    return facts;
  }

  private static List<Path> migrationScripts() throws IOException, URISyntaxException {
    var url = SchemaHistoryTest.class.getClassLoader().getResource("db/migration");
    assertTrue(url != null, "db/migration on the test classpath");
    Path dir = "jar".equals(url.getProtocol())
        ? FileSystems.newFileSystem(url.toURI(), Map.of()).getPath("db/migration")
        : Path.of(url.toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> scripts =
          files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
      assertTrue(scripts.size() >= 2, "migration scripts found: " + scripts);
      return scripts;
    }
  }
}
