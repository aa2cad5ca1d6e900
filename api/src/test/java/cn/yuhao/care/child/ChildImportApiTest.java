package cn.yuhao.care.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildImportApiTest extends ApiTest {
  private static final String XLSX = ChildRoutes.XLSX;
  private static final String SHAPINGBA = "500106";

  static byte[] xlsx(List<String> headers, List<List<String>> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastExcel.write(out)
        .head(headers.stream().map(List::of).toList())
        .sheet("儿童台账")
        .doWrite(rows);
    return out.toByteArray();
  }

  private static List<String> row(
      String name, String idNumber, String birth, String district, String category) {
    return new ArrayList<>(List.of(
        name,
        "女",
        birth,
        idNumber,
        district,
        "",
        category,
        "学业落后、亲情缺失",
        "一对一",
        "",
        "沙坪坝区实验小学",
        "2020",
        "重庆市沙坪坝区小龙坎正街 1 号",
        "29.5603",
        "106.4565",
        "张桂兰",
        "祖母",
        "13500002222"));
  }

  private static LocalDate birth() {
    return LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"))
        .minusYears(9)
        .minusDays(fixtures.newCode().charAt(3) % 200);
  }

  private static int countNamed(Login admin, String prefix) {
    return api(admin.token())
        .queryParam("name", prefix)
        .queryParam("limit", 100)
        .get("/api/v1/admin/children")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items")
        .size();
  }

  @Test
  void the_template_has_the_ledger_headers_in_order() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    byte[] template = api(da.token())
        .get("/api/v1/admin/children/import-template")
        .then()
        .statusCode(200)
        .contentType(XLSX)
        .extract()
        .asByteArray();
    List<Map<Integer, String>> rows = FastExcel.read(new ByteArrayInputStream(template))
        .sheet(0)
        .headRowNumber(0)
        .doReadSync();
    assertThat(rows.get(0).values()).containsExactlyElementsOf(ChildSheet.HEADERS);
    api(fixtures.login().token())
        .get("/api/v1/admin/children/import-template")
        .then()
        .statusCode(403);
  }

  /**
   * The import reads the sheet as a stream and writes it in chunks of 500 in one transaction: a ledger longer
   * than two chunks is written whole, a duplicate two chunks after its first row is still caught, and rows are
   * numbered as Excel shows them, past a blank row.
   */
  @Test
  void a_ledger_longer_than_two_chunks_is_written_whole_and_rows_keep_their_excel_numbers() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String tag = "长" + fixtures.newCode().substring(1, 6);
    // An area code no other test uses, and one birth day each: no ID number can already exist.
    String area = "5" + (10000 + Math.floorMod(tag.hashCode(), 90000));
    LocalDate first = birth();
    List<List<String>> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      LocalDate b = first.minusDays(i);
      String id = IdNumbers.complete(area + b.toString().replace("-", "") + "001");
      ids.add(id);
      rows.add(row(tag + i, id, b.toString(), "沙坪坝区", "留守"));
    }
    rows.set(1100, row(tag + "重", ids.get(3), first.minusDays(3).toString(), "沙坪坝区", "留守"));
    rows.add(700, new ArrayList<>(java.util.Collections.nCopies(ChildSheet.HEADERS.size(), "")));

    JsonPath report = api(da.token())
        .contentType(XLSX)
        .body(xlsx(ChildSheet.HEADERS, rows))
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(200)
        .body("total", equalTo(1200))
        .body("created", equalTo(1199))
        .body("rejected", equalTo(1))
        .extract()
        .jsonPath();
    // The header is row 1, list index 3 is row 5; index 1101 (after the blank row 702) is row 1103.
    assertThat(report.getList("errors.row", Integer.class)).containsExactly(1103);
    assertThat(report.getString("errors[0].message")).contains("第 5 行");
    assertThat(countNamed(da, tag + "1199")).isEqualTo(1);
    assertThat(countNamed(da, tag + "重")).isZero();
  }

  @Test
  void good_rows_are_written_bad_rows_reported_and_never_written_dry_run_writes_nothing() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String tag = "导" + fixtures.newCode().substring(1, 6);
    LocalDate b1 = birth();
    LocalDate b2 = b1.minusDays(1);
    LocalDate b3 = b1.minusDays(2);
    String id1 = fixtures.idNumber(b1);
    String id2 = fixtures.idNumber(b2);
    String badCheck = id1.substring(0, 17) + (id1.charAt(17) == '0' ? "1" : "0");
    List<List<String>> rows = List.of(
        row(tag + "甲", id1, b1.toString(), "沙坪坝区", "留守"),
        row(tag + "乙", id2, b2.toString().replace("-", "/"), SHAPINGBA, "流动儿童"),
        row(tag + "丙", fixtures.idNumber(b3), "", "沙坪坝区", "LEFT_BEHIND"),
        row(tag + "错码", badCheck, b1.toString(), "沙坪坝区", "留守"),
        row(
            tag + "错类",
            fixtures.idNumber(b3.minusDays(1)),
            b3.minusDays(1).toString(),
            "沙坪坝区",
            "困境"),
        row(tag + "重复", id2, b2.toString(), "沙坪坝区", "留守"),
        row(
            tag + "外区",
            fixtures.idNumber(b3.minusDays(2)),
            b3.minusDays(2).toString(),
            "渝中区",
            "留守"));
    byte[] file = xlsx(ChildSheet.HEADERS, rows);

    api(da.token())
        .contentType(XLSX)
        .queryParam("dryRun", true)
        .body(file)
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("created", equalTo(3))
        .body("rejected", equalTo(4));
    assertThat(countNamed(da, tag)).isZero();

    JsonPath report = api(da.token())
        .contentType(XLSX)
        .body(file)
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(200)
        .body("total", equalTo(7))
        .body("created", equalTo(3))
        .body("rejected", equalTo(4))
        .body("errors", hasSize(4))
        .extract()
        .jsonPath();
    assertThat(report.getList("errors.row", Integer.class)).containsExactly(5, 6, 7, 8);
    assertThat(report.getString("errors[0].field")).isEqualTo("身份证号");
    assertThat(report.getString("errors[1].field")).isEqualTo("儿童类别");
    assertThat(report.getString("errors[2].message")).contains("第 3 行");
    assertThat(report.getString("errors[3].message")).contains("管辖");
    assertThat(countNamed(da, tag)).isEqualTo(3);
    String child = api(da.token())
        .queryParam("name", tag + "乙")
        .get("/api/v1/admin/children")
        .then()
        .extract()
        .path("items[0].id");
    api(da.token())
        .get("/api/v1/admin/children/{id}", child)
        .then()
        .body("category", equalTo("MIGRANT"))
        .body("needs", equalTo(List.of("ACADEMIC_LAG", "LACK_OF_AFFECTION")))
        .body("careLevel", equalTo("ONE_TO_ONE"))
        .body("guardians[0].relation", equalTo("GRANDPARENT"))
        .body("guardians[0].phone", equalTo("135****2222"))
        .body("birthDate", equalTo(b2.toString()));

    // The same ledger again: nothing new; one row changed: updated, not duplicated.
    api(da.token())
        .contentType(XLSX)
        .body(file)
        .post("/api/v1/admin/children/import")
        .then()
        .body("created", equalTo(0))
        .body("unchanged", equalTo(3))
        .body("updated", equalTo(0));
    List<List<String>> changed = new ArrayList<>(rows.subList(0, 3));
    List<String> moved = new ArrayList<>(changed.get(1));
    moved.set(10, "沙坪坝区第二实验小学");
    changed.set(1, moved);
    api(da.token())
        .contentType(XLSX)
        .body(xlsx(ChildSheet.HEADERS, changed))
        .post("/api/v1/admin/children/import")
        .then()
        .body("updated", equalTo(1))
        .body("unchanged", equalTo(2));
    assertThat(countNamed(da, tag)).isEqualTo(3);
    api(da.token())
        .get("/api/v1/admin/children/{id}", child)
        .then()
        .body("school", equalTo("沙坪坝区第二实验小学"));

    // A child already in another district's ledger is neither taken over nor revealed: to 渝中区 the
    // row is a new
    // child, exactly like one nobody holds, in the dry run and for real; the city admin sees the
    // pair.
    Login yuzhong = fixtures.districtAdmin("500103");
    LocalDate b4 = birth().minusDays(3);
    String fresh = fixtures.idNumber(b4);
    List<List<String>> probe = List.of(
        row(tag + "抢", id1, b1.toString(), "渝中区", "留守"),
        row(tag + "新", fresh, b4.toString(), "渝中区", "留守"));
    for (String dryRun : List.of("true", "false")) {
      api(yuzhong.token())
          .contentType(XLSX)
          .queryParam("dryRun", dryRun)
          .body(xlsx(ChildSheet.HEADERS, probe))
          .post("/api/v1/admin/children/import")
          .then()
          .statusCode(200)
          .body("created", equalTo(2))
          .body("rejected", equalTo(0))
          .body("errors", hasSize(0));
    }
    String copy = api(yuzhong.token())
        .queryParam("name", tag + "抢")
        .get("/api/v1/admin/children")
        .then()
        .extract()
        .path("items[0].id");
    api(yuzhong.token())
        .get("/api/v1/admin/children/{id}", copy)
        .then()
        .body("possibleDuplicateOf", org.hamcrest.Matchers.nullValue());
    api(fixtures.cityAdmin().token())
        .get("/api/v1/admin/children/{id}", copy)
        .then()
        .body("possibleDuplicateOf", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void an_admin_may_start_30_imports_an_hour_dry_runs_included() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    byte[] empty = xlsx(
        ChildSheet.HEADERS,
        List.of(row("限流", fixtures.idNumber(birth()), birth().toString(), "沙坪坝区", "留守")));
    for (int i = 0; i < 30; i++) {
      api(da.token())
          .contentType(XLSX)
          .queryParam("dryRun", "true")
          .body(empty)
          .post("/api/v1/admin/children/import")
          .then()
          .statusCode(200);
    }
    api(da.token())
        .contentType(XLSX)
        .queryParam("dryRun", "true")
        .body(empty)
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(429)
        .body("code", equalTo("RATE_LIMITED"))
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void files_that_are_not_the_ledger_are_refused() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    raw(da.token())
        .contentType(XLSX)
        .body("not a spreadsheet".getBytes())
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("file"));
    raw(da.token())
        .contentType("text/csv")
        .body("姓名,身份证号".getBytes())
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(415);
    raw(da.token())
        .contentType(XLSX)
        .body(xlsx(List.of("姓名", "性别"), List.of(List.of("张三", "男"))))
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(422)
        .body("detail", org.hamcrest.Matchers.containsString("身份证号"));
    raw(da.token())
        .contentType(XLSX)
        .queryParam("dryRun", "maybe")
        .body(xlsx(ChildSheet.HEADERS, List.of()))
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(422);
    raw(da.token())
        .contentType(XLSX)
        .body(new byte[ChildRoutes.MAX_UPLOAD_BYTES + 10])
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(413);
    api(fixtures
            .withRole(
                cn.yuhao.care.auth.Role.STREET_SUPERVISOR, SHAPINGBA, fixtures.street(SHAPINGBA))
            .token())
        .contentType(XLSX)
        .body(xlsx(ChildSheet.HEADERS, List.of()))
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(403);
  }
}
