package cn.yuhao.care.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.Access;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Third-party evaluators (第三方评估): granted by the city for a district and a period, they read the dashboard,
 * compliance, surveys, masked exports and a sample of child files; they write nothing, every request is audited,
 * and the grant ends by itself.
 */
class EvaluatorApiTest extends ApiTest {
  private static final String DISTRICT = Districts.claim(EvaluatorApiTest.class, "500107");
  private static final String OTHER = Districts.claim(EvaluatorApiTest.class, "500111");
  private static final String CHILD_NAME = "司马青青";

  /** Every route an evaluator may call: a deliberate list, so that opening one more is a visible change. */
  private static final Set<String> EVALUATOR_ROUTES = Set.of(
      "GET /api/v1/admin/dashboard",
      "GET /api/v1/admin/care-compliance",
      "GET /api/v1/admin/exports/{ledger}",
      "GET /api/v1/admin/evaluation/child-sample",
      "GET /api/v1/admin/surveys",
      "GET /api/v1/admin/surveys/{id}",
      "GET /api/v1/admin/surveys/{id}/results");

  private static Login evaluator(String district, LocalDate validUntil) {
    Login e = fixtures.login();
    grantEvaluator(e, district, validUntil);
    return e;
  }

  /** The city grants (or renews) her the role for the district until the day given. */
  private static void grantEvaluator(Login user, String district, LocalDate validUntil) {
    api(fixtures.cityAdmin().token())
        .body(Map.of(
            "role", "EVALUATOR", "districtCode", district, "validUntil", validUntil.toString()))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(201)
        .body("role", equalTo("EVALUATOR"))
        .body("districtCode", equalTo(district));
  }

  private static LocalDate today() {
    return CarePeriods.day(server.clock().instant());
  }

  @Test
  void a_grant_needs_a_district_and_a_period_of_at_most_a_year_and_only_the_city_grants_it() {
    Login city = fixtures.cityAdmin();
    Login user = fixtures.login();
    record Case(Map<String, Object> body, String field) {}
    List<Case> cases = List.of(
        new Case(Map.of("role", "EVALUATOR", "districtCode", DISTRICT), "validUntil"),
        new Case(
            Map.of("role", "EVALUATOR", "validUntil", today().plusDays(30).toString()),
            "districtCode"),
        new Case(
            Map.of(
                "role",
                "EVALUATOR",
                "districtCode",
                DISTRICT,
                "validUntil",
                today().minusDays(1).toString()),
            "validUntil"),
        new Case(
            Map.of(
                "role",
                "EVALUATOR",
                "districtCode",
                DISTRICT,
                "validUntil",
                today().plusDays(400).toString()),
            "validUntil"),
        new Case(
            Map.of("role", "EVALUATOR", "districtCode", DISTRICT, "validUntil", "2027-02-30"),
            "validUntil"),
        new Case(
            Map.of(
                "role",
                "EVALUATOR",
                "districtCode",
                DISTRICT,
                "street",
                "某街道",
                "validUntil",
                today().plusDays(30).toString()),
            "districtCode"),
        new Case(
            Map.of(
                "role",
                "COACH",
                "districtCode",
                DISTRICT,
                "validUntil",
                today().plusDays(30).toString()),
            "validUntil"));
    for (Case c : cases) {
      raw(city.token())
          .contentType("application/json")
          .body(c.body())
          .post("/api/v1/admin/users/{id}/roles", user.userId())
          .then()
          .statusCode(422)
          .body("fields.field", hasItem(c.field()));
    }
    Login da = fixtures.districtAdmin(DISTRICT);
    api(da.token())
        .body(Map.of(
            "role",
            "EVALUATOR",
            "districtCode",
            DISTRICT,
            "validUntil",
            today().plusDays(30).toString()))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(403);
    assertThat(server.app().services().users().grantsOf(Long.parseLong(user.userId())))
        .isEmpty();
  }

  @Test
  void she_reads_her_district_masked_and_every_read_is_audited() {
    Login da = fixtures.districtAdmin(DISTRICT);
    var paired = fixtures.pairing(da, DISTRICT, Map.of("name", CHILD_NAME));
    fixtures.backdatePairing(paired.pairingId(), Duration.ofDays(30)); // no contact for 30 days
    Login e = evaluator(DISTRICT, today().plusDays(90));

    api(e.token())
        .get("/api/v1/admin/dashboard?districtCode=" + DISTRICT)
        .then()
        .statusCode(200);
    // The admin sees the child's and the volunteer's names in full; the evaluator only masked.
    JsonPath full = api(da.token())
        .get("/api/v1/admin/care-compliance?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(full.getList("noContact.childName")).contains(CHILD_NAME);
    String body = api(e.token())
        .get("/api/v1/admin/care-compliance?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .asString();
    JsonPath masked = JsonPath.from(body);
    assertThat(masked.getList("noContact.childName")).contains("司***").doesNotContain(CHILD_NAME);
    for (String volunteer : full.<String>getList("noContact.volunteerName")) {
      assertThat(body).doesNotContain(volunteer);
    }
    assertThat(body).doesNotContain(CHILD_NAME);

    // Another district is not hers: not found, as for an admin outside her scope.
    raw(e.token()).get("/api/v1/admin/dashboard?districtCode=" + OTHER).then().statusCode(404);

    // The export masks every personal field and cannot be unmasked.
    byte[] xlsx = api(e.token())
        .get("/api/v1/admin/exports/children?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
    List<Map<Integer, String>> rows =
        FastExcel.read(new ByteArrayInputStream(xlsx)).sheet(0).headRowNumber(0).doReadSync();
    String sheet = rows.toString();
    assertThat(sheet).contains("司***", "（评估脱敏）").doesNotContain(CHILD_NAME, "张桂兰");
    assertThat(rows.get(1).get(3)).matches("\\d{4}年"); // the birth year, not the date
    raw(e.token())
        .get("/api/v1/admin/exports/children?unmask=true&districtCode=" + DISTRICT)
        .then()
        .statusCode(403);

    // Each of her requests left an audit row naming the route.
    Login city = fixtures.cityAdmin();
    List<String> actions = api(city.token())
        .get("/api/v1/admin/audit?actorUserId=" + e.userId() + "&limit=50")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.action");
    assertThat(actions.stream().filter("evaluator.read"::equals).count()).isEqualTo(5);
    assertThat(actions).contains("export");
  }

  @Test
  void the_child_sample_is_masked_fixed_for_her_period_and_only_of_her_districts() {
    Login da = fixtures.districtAdmin(DISTRICT);
    for (int i = 0; i < 3; i++) {
      fixtures.child(da, DISTRICT, null, null, Map.of("name", CHILD_NAME));
    }
    Login e = evaluator(DISTRICT, today().plusDays(90));
    String first = api(e.token())
        .get("/api/v1/admin/evaluation/child-sample?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .asString();
    JsonPath sample = JsonPath.from(first);
    assertThat(sample.getInt("population")).isGreaterThanOrEqualTo(3);
    assertThat(sample.getInt("sampleSize")).isEqualTo(Math.min(20, sample.getInt("population")));
    assertThat(sample.getList("items.name")).contains("司***");
    assertThat(first).doesNotContain(CHILD_NAME, "张桂兰", "13500002222");
    // Reading again shows the same children in the same order: nobody new is revealed.
    String again = api(e.token())
        .get("/api/v1/admin/evaluation/child-sample?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .asString();
    assertThat(again).isEqualTo(first);

    raw(e.token())
        .get("/api/v1/admin/evaluation/child-sample?districtCode=" + OTHER)
        .then()
        .statusCode(404);
    raw(e.token())
        .get("/api/v1/admin/evaluation/child-sample")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("districtCode"));
    // Admins have the full list; the sample is the evaluators' alone.
    raw(da.token())
        .get("/api/v1/admin/evaluation/child-sample?districtCode=" + DISTRICT)
        .then()
        .statusCode(403);
  }

  @Test
  void her_grant_ends_by_itself_at_the_end_of_its_last_day_and_a_new_grant_renews_it() {
    Login e = evaluator(DISTRICT, today());
    api(e.token()).get("/api/v1/admin/surveys").then().statusCode(200);
    // A whole day on: past the end of her last day, at the same time of day (tests of other
    // classes read the shared clock, and some care about the hour or the week).
    Instant end = today().plusDays(1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    server.clock().advance(Duration.ofDays(1));
    assertThat(server.clock().instant()).isAfter(end);
    raw(e.token()).get("/api/v1/admin/surveys").then().statusCode(403);
    // Granted again (a new round of evaluation): the same grant, a new period.
    grantEvaluator(e, DISTRICT, today().plusDays(30));
    api(e.token()).get("/api/v1/admin/surveys").then().statusCode(200);
  }

  @Test
  void her_grant_does_not_widen_another_role_she_holds() {
    // A district admin of one district who evaluates another reads the other only where evaluators
    // may.
    Login da = fixtures.districtAdmin(OTHER);
    grantEvaluator(da, DISTRICT, today().plusDays(30));
    Login admin = fixtures.districtAdmin(DISTRICT);
    String child = fixtures.child(admin, DISTRICT, null, null, Map.of());
    raw(da.token()).get("/api/v1/admin/children/{id}", child).then().statusCode(404);
    raw(da.token()).get("/api/v1/admin/children/{id}/sensitive", child).then().statusCode(404);
    var volunteer = fixtures.admittedVolunteer(admin, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("reason", "测试"))
        .post("/api/v1/admin/volunteers/{id}/suspend", volunteer.id())
        .then()
        .statusCode(404);
    api(da.token())
        .get("/api/v1/admin/dashboard?districtCode=" + DISTRICT)
        .then()
        .statusCode(200);
  }

  /** Every route of the running service, called as an evaluator: only the listed reads answer; the rest are 403. */
  @Test
  void role_by_route_matrix_she_reads_only_the_listed_routes_and_writes_nothing() {
    Login e = evaluator(DISTRICT, today().plusDays(30));
    Set<String> open = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    for (Endpoint ep : server.app().endpoints()) {
      if (!ep.getMethod().isHttpMethod()) {
        continue; // before/after handlers
      }
      Set<RouteRole> roles = ep.getRoles();
      String route = ep.getMethod() + " " + ep.getPath();
      boolean readOnly = ep.getMethod() == HandlerType.GET || ep.getMethod() == HandlerType.HEAD;
      if (roles.contains(new AuthFilter.Allowed(Role.EVALUATOR))) {
        if (!readOnly) {
          wrong.add(route + " is open to evaluators but is not a read");
        }
        if (ep.getMethod() == HandlerType.GET) {
          open.add(route);
        }
      }
      if (roles.contains(Access.PUBLIC) || roles.contains(Access.AUTHENTICATED)) {
        continue; // open to any user, evaluator or not; not an evaluator's right
      }
      String path = ep.getPath()
          .replace("{ledger}", "children")
          .replace("{code}", DISTRICT)
          .replaceAll("\\{[^}]+}", "1");
      int status = given()
          .port(server.app().port())
          .header("Authorization", "Bearer " + e.token())
          .contentType("application/json")
          .body(readOnly ? "" : "{}")
          .request(ep.getMethod().name(), path + (readOnly ? "?districtCode=" + DISTRICT : ""))
          .statusCode();
      boolean forEvaluators = roles.contains(new AuthFilter.Allowed(Role.EVALUATOR));
      if (forEvaluators ? status == 401 || status == 403 : status != 403) {
        wrong.add(route + " answered " + status);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(open).containsExactlyInAnyOrderElementsOf(EVALUATOR_ROUTES);
  }
}
