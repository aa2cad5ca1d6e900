package cn.yuhao.care.dashboard;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ledgers open with the Excel library, hold what the API shows, stay in scope, and are audited. */
class ExportApiTest extends ApiTest {
  private static final String D_500105 = Districts.claim(ExportApiTest.class, "500105");
  private static final String JIANGBEI = D_500105;
  private static final String JIANGBEI_NAME = "江北区";

  /** The sheet's rows, the header row first. */
  private static List<Map<Integer, String>> export(Login l, String ledger, Map<String, ?> params) {
    byte[] xlsx = api(l.token())
        .queryParams(params)
        .get("/api/v1/admin/exports/{l}", ledger)
        .then()
        .statusCode(200)
        .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''"))
        .extract()
        .asByteArray();
    return FastExcel.read(new ByteArrayInputStream(xlsx))
        .sheet(0)
        .headRowNumber(0)
        .doReadSync();
  }

  private static List<String> column(List<Map<Integer, String>> rows, int c) {
    return rows.subList(1, rows.size()).stream().map(r -> r.get(c)).toList();
  }

  private static long audits(Login admin, String action) {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE actor_user_id = :u AND action = :a AND target_type = 'ledger'")
            .bind("u", Long.parseLong(admin.userId()))
            .bind("a", action)
            .mapTo(Long.class)
            .one());
  }

  @Test
  void the_ledgers_hold_what_the_api_shows_masked_unless_unmasked_and_every_export_is_audited() {
    Login da = fixtures.districtAdmin(JIANGBEI);
    Paired first = fixtures.pairing(da, JIANGBEI, Map.of());
    Paired second = fixtures.pairing(da, JIANGBEI, Map.of());

    List<Map<Integer, String>> pairings = export(da, "pairings", Map.of());
    assertEquals(
        List.of(
            "结对编号", "区县", "街道", "儿童", "关爱等级", "结对方式", "结对目的", "爱心妈妈或团队", "状态", "开始日期", "结束日期",
            "结束原因", "最近联系日期"),
        List.copyOf(pairings.get(0).values()));
    List<String> listed = api(da.token())
        .queryParam("districtCode", JIANGBEI)
        .queryParam("limit", 100)
        .get("/api/v1/admin/pairings")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
    assertEquals(
        new TreeSet<>(listed),
        new TreeSet<>(column(pairings, 0)),
        "the ledger lists the API's pairings");
    assertTrue(column(pairings, 0).containsAll(List.of(first.pairingId(), second.pairingId())));
    assertTrue(column(pairings, 1).stream().allMatch(JIANGBEI_NAME::equals));
    assertTrue(
        column(pairings, 3).stream().allMatch(n -> n.startsWith("测") && n.contains("*")),
        "names masked");
    assertEquals(1L, audits(da, "export"));

    List<Map<Integer, String>> children = export(da, "children", Map.of());
    assertEquals("身份证号", children.get(0).get(4));
    assertTrue(
        column(children, 4).stream().allMatch(id -> id.matches("\\d{4}\\*{10}[\\dX]{4}")),
        "ID numbers masked");
    List<Map<Integer, String>> unmasked = export(da, "children", Map.of("unmask", true));
    assertTrue(
        column(unmasked, 4).stream().allMatch(id -> id.matches("\\d{17}[\\dX]")),
        "full ID numbers");
    assertEquals(1L, audits(da, "export.unmasked"), "the unmasked export is audited as such");

    List<Map<Integer, String>> volunteers = export(da, "volunteers", Map.of());
    assertTrue(column(volunteers, 0)
        .containsAll(List.of(first.volunteer().id(), second.volunteer().id())));
    assertTrue(column(volunteers, 2).stream().allMatch("138****1234"::equals), "phones masked");
    assertTrue(column(volunteers, 7).stream().allMatch("1"::equals), "one active pairing each");

    String month = CarePeriods.day(server.clock().instant()).toString().substring(0, 7);
    var api = api(da.token())
        .queryParam("districtCode", JIANGBEI)
        .queryParam("period", month)
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    List<Map<Integer, String>> compliance = export(da, "compliance", Map.of("period", month));
    assertEquals(
        api.getList("byStreet").size(), compliance.size() - 1, "one row per street, as the API");
    assertEquals(
        api.getList("byStreet.counts.owed").stream().map(String::valueOf).toList(),
        column(compliance, 3));

    String report = api(first.volunteer().login().token())
        .body(Map.of(
            "childId",
            first.childId(),
            "category",
            "NEGLECT",
            "severity",
            "HIGH",
            "description",
            "孩子连续三天独自在家，奶奶住院，家中没有食物。",
            "occurredAt",
            server.clock().instant().minusSeconds(3600).toString()))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    List<Map<Integer, String>> reports = export(da, "reports", Map.of());
    assertEquals(List.of(report), column(reports, 0));
    assertEquals("待受理", reports.get(1).get(6));
    assertEquals("报告编号", reports.get(0).get(0));
    assertEquals("团队编号", export(da, "troupes", Map.of()).get(0).get(0));
    assertEquals("商户编号", export(da, "points", Map.of()).get(0).get(0));
    assertEquals(7L, audits(da, "export"));
  }

  @Test
  void exports_stay_in_scope_and_bad_questions_are_refused_before_a_byte_is_written() {
    Login da = fixtures.districtAdmin(JIANGBEI);
    fixtures.pairing(da, JIANGBEI, Map.of());
    fixtures.pairing(fixtures.districtAdmin("500156"), "500156", Map.of());
    List<Map<Integer, String>> mine = export(da, "pairings", Map.of());
    assertTrue(
        !column(mine, 1).isEmpty() && column(mine, 1).stream().allMatch(JIANGBEI_NAME::equals),
        "only her district");
    api(da.token())
        .queryParam("districtCode", "500156")
        .get("/api/v1/admin/exports/pairings")
        .then()
        .statusCode(404);
    raw(da.token()).get("/api/v1/admin/exports/everything").then().statusCode(404);
    raw(da.token())
        .queryParam("unmask", "maybe")
        .get("/api/v1/admin/exports/children")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("unmask"));
    api(da.token())
        .queryParam("unmask", true)
        .get("/api/v1/admin/exports/pairings")
        .then()
        .statusCode(422)
        .body("fields[0].message", equalTo("只有儿童台账、志愿者台账和志愿服务记录有可显示的敏感信息"));
    api(da.token())
        .queryParam("period", "2026-13")
        .get("/api/v1/admin/exports/compliance")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("period"));
    api(fixtures.login().token()).get("/api/v1/admin/exports/pairings").then().statusCode(403);
    Login supervisor =
        fixtures.withRole(Role.STREET_SUPERVISOR, JIANGBEI, fixtures.street(JIANGBEI));
    api(supervisor.token()).get("/api/v1/admin/exports/children").then().statusCode(403);

    // The city admin's ledger covers every district; with a district, only that one.
    Login city = fixtures.cityAdmin();
    List<Map<Integer, String>> all = export(city, "pairings", Map.of());
    assertTrue(
        column(all, 1).stream().collect(Collectors.toSet()).size() > 1,
        "districts: " + column(all, 1));
    assertTrue(column(export(city, "pairings", Map.of("districtCode", JIANGBEI)), 1).stream()
        .allMatch(JIANGBEI_NAME::equals));
  }
}
