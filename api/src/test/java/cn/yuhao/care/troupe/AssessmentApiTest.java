package cn.yuhao.care.troupe;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pre/post assessments, the growth archive and the annual report, in 彭水. */
class AssessmentApiTest extends ApiTest {

  private static Map<String, Object> assessment(String child, String phase, int... s) {
    return Map.of(
        "childId",
        child,
        "phase",
        phase,
        "instrument",
        "WELLBEING_5",
        "assessedOn",
        LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"))
            .toString(),
        "scores",
        Map.of("HAPPY", s[0], "CONFIDENT", s[1], "FRIENDS", s[2], "EXPRESS", s[3], "BELONG", s[4]));
  }

  @Test
  void pre_and_post_assessments_are_compared_per_child_and_for_the_troupe() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "SINGING", "测试：测评");
    String a = TroupeApiTest.member(t, 3);
    String b = TroupeApiTest.member(t, 3);
    String c = TroupeApiTest.member(t, 2);
    String token = t.coach().token();
    api(token)
        .body(assessment(a, "PRE", 2, 2, 3, 1, 2))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200)
        .body("mean", equalTo(2.0f));
    api(token)
        .body(assessment(a, "POST", 4, 4, 4, 3, 5))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200)
        .body("mean", equalTo(4.0f));
    api(token)
        .body(assessment(b, "PRE", 3, 3, 3, 3, 3))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200);
    api(token)
        .body(assessment(b, "POST", 3, 4, 3, 4, 4))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200)
        .body("mean", equalTo(3.6f));
    api(token)
        .body(assessment(c, "PRE", 1, 1, 1, 1, 1))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200);
    // A correction replaces the PRE of b.
    api(token)
        .body(assessment(b, "PRE", 2, 3, 3, 3, 3))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200)
        .body("mean", equalTo(2.8f));
    api(token)
        .get("/api/v1/troupes/{id}/assessment-summary", t.id())
        .then()
        .statusCode(200)
        .body("pairs", equalTo(2))
        .body("preAverage", equalTo(2.4f))
        .body("postAverage", equalTo(3.8f))
        .body("change", equalTo(1.4f))
        .body("children.find { it.childId == '" + a + "' }.change", equalTo(2.0f))
        .body("children.find { it.childId == '" + c + "' }.post", equalTo(null));

    raw(token)
        .contentType("application/json")
        .body(Map.of(
            "childId",
            a,
            "phase",
            "MIDDLE",
            "instrument",
            "IQ",
            "assessedOn",
            "2099-01-01",
            "scores",
            Map.of("HAPPY", 9)))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("phase", "instrument", "assessedOn"));
    raw(token)
        .contentType("application/json")
        .body(Map.of(
            "childId",
            a,
            "phase",
            "PRE",
            "instrument",
            "WELLBEING_5",
            "assessedOn",
            "2026-03-01",
            "scores",
            Map.of("HAPPY", 6, "CONFIDENT", 0, "FRIENDS", 3, "EXPRESS", 3, "BELONG", 3)))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("scores.HAPPY", "scores.CONFIDENT"));
    raw(token)
        .contentType("application/json")
        .body(Map.of(
            "childId",
            a,
            "phase",
            "PRE",
            "instrument",
            "WELLBEING_5",
            "assessedOn",
            "2026-03-01",
            "scores",
            Map.of("HAPPY", 3)))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("scores"));
    String outsider = TroupeApiTest.child(t.admin(), TroupeApiTest.PENGSHUI, 3);
    api(token)
        .body(assessment(outsider, "PRE", 3, 3, 3, 3, 3))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(404);
  }

  @Test
  void the_growth_archive_and_the_annual_report_tell_a_childs_year() throws Exception {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "RUNNING", "测试：年报");
    String child = TroupeApiTest.member(t, 3);
    String training = TroupeApiTest.session(t, Duration.ofMinutes(-60));
    String race = api(t.coach().token())
        .body(Map.of(
            "kind",
            "RACE",
            "title",
            "重庆马拉松欢乐跑",
            "place",
            "南滨路",
            "startsAt",
            server.clock().instant().minus(Duration.ofMinutes(30)).toString(),
            "classHours",
            3))
        .post("/api/v1/troupes/{id}/sessions", t.id())
        .then()
        .statusCode(201)
        .extract()
        .path("items[0].id");
    for (String s : List.of(training, race)) {
      api(t.coach().token())
          .body(TroupeApiTest.scan(TroupeApiTest.token(t, child)))
          .post("/api/v1/sessions/{id}/attendance", s)
          .then()
          .statusCode(201);
    }
    api(t.coach().token())
        .body(assessment(child, "PRE", 2, 2, 2, 2, 2))
        .post("/api/v1/troupes/{id}/assessments", t.id())
        .then()
        .statusCode(200);
    api(t.coach().token())
        .get("/api/v1/children/{id}/growth-archive", child)
        .then()
        .statusCode(200)
        .body("sessionsAttended", equalTo(2))
        .body("classHours", equalTo(5))
        .body("timeline.kind", hasItems("JOINED", "ATTENDED", "PERFORMANCE", "ASSESSMENT"))
        .body("troupes[0].troupeId", equalTo(t.id()));
    api(fixtures.districtAdmin(TroupeApiTest.XIUSHAN).token())
        .get("/api/v1/children/{id}/growth-archive", child)
        .then()
        .statusCode(404);
    TroupeApiTest.Running other =
        TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "RUNNING", "测试：别的团年报");
    api(other.coach().token())
        .get("/api/v1/children/{id}/growth-archive", child)
        .then()
        .statusCode(404);

    int year = LocalDate.ofInstant(
            server.clock().instant().minus(Duration.ofMinutes(60)), ZoneId.of("Asia/Shanghai"))
        .getYear();
    api(t.admin().token())
        .queryParam("year", String.valueOf(year))
        .get("/api/v1/admin/troupes/{id}/annual-report", t.id())
        .then()
        .statusCode(200)
        .body("classHoursDelivered", equalTo(5))
        .body("sessionsByKind.RACE", equalTo(1))
        .body("sessionsByKind.TRAINING", equalTo(1))
        .body("events[0].title", equalTo("重庆马拉松欢乐跑"))
        .body("events[0].present", equalTo(1))
        .body("averageAttendanceRate", equalTo(1.0f))
        .body("assessment.children[0].pre", equalTo(2.0f));
    byte[] xlsx = api(t.admin().token())
        .queryParam("year", String.valueOf(year))
        .queryParam("format", "xlsx")
        .get("/api/v1/admin/troupes/{id}/annual-report", t.id())
        .then()
        .statusCode(200)
        .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .extract()
        .asByteArray();
    List<Map<Integer, String>> overview = FastExcel.read(new ByteArrayInputStream(xlsx))
        .sheet("年度概况")
        .headRowNumber(1)
        .doReadSync();
    assertEquals(
        "5",
        overview.stream()
            .filter(r -> "已开展课时".equals(r.get(0)))
            .findFirst()
            .orElseThrow()
            .get(1));
    List<Map<Integer, String>> events = FastExcel.read(new ByteArrayInputStream(xlsx))
        .sheet("活动记录")
        .headRowNumber(1)
        .doReadSync();
    assertEquals("重庆马拉松欢乐跑", events.get(0).get(2));
    api(t.coach().token())
        .get("/api/v1/admin/troupes/{id}/annual-report", t.id())
        .then()
        .statusCode(403);
    // The coach sees her troupe's children, so she can report harm to one of them; another troupe's
    // coach cannot.
    Map<String, Object> report = Map.of(
        "childId",
        child,
        "category",
        "NEGLECT",
        "severity",
        "NORMAL",
        "description",
        "孩子连续两次训练时说没吃早饭，衣服单薄。",
        "occurredAt",
        server.clock().instant().toString());
    api(t.coach().token()).body(report).post("/api/v1/concerns").then().statusCode(201);
    api(other.coach().token()).body(report).post("/api/v1/concerns").then().statusCode(404);
    raw(t.admin().token())
        .queryParam("format", "pdf")
        .get("/api/v1/admin/troupes/{id}/annual-report", t.id())
        .then()
        .statusCode(422);
  }
}
