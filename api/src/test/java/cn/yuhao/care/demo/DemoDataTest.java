package cn.yuhao.care.demo;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.support.ApiTest;
import org.junit.jupiter.api.Test;

class DemoDataTest extends ApiTest {

  @Test
  void loading_twice_gives_the_same_demo_district() {
    DemoData.load(server.app().services(), server.clock());
    DemoData.load(server.app().services(), server.clock());
    String token = fixtures.login("district_admin").token();
    String volunteerUser = fixtures.login("volunteer").userId();
    api(token).get("/api/v1/me").then().body("roles", hasItem("DISTRICT_ADMIN"));
    api(token)
        .queryParam("districtCode", DemoData.DISTRICT)
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteers")
        .then()
        .statusCode(200)
        .body("items.findAll { it.userId == '" + volunteerUser + "' }.size()", equalTo(1));
    api(token)
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(200)
        .body("items.findAll { it.name == '小龙坎爱心妈妈工作室' }.size()", equalTo(1));
    api(fixtures.login("volunteer").token())
        .get("/api/v1/me")
        .then()
        .body("roles", hasItem("VOLUNTEER"));
    api(token)
        .get("/api/v1/regions/{code}/streets", DemoData.DISTRICT)
        .then()
        .body("items.findAll { it.name == '小龙坎街道' }.size()", equalTo(1));
    String volunteer = fixtures.login("volunteer").token();
    api(volunteer)
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .statusCode(200)
        .body("items.childName", equalTo(java.util.List.of("李小明")));
    api(volunteer)
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .statusCode(200)
        .body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    api(token)
        .queryParam("districtCode", DemoData.DISTRICT)
        .queryParam("limit", "100")
        .get("/api/v1/admin/pairing-queue")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.name == '陈浩' || it.name == '赵小花' || it.name == '张小雨' }.size()",
            equalTo(3))
        .body("items.find { it.name == '赵小花' }.consentCurrent", equalTo(false));
    String pairing =
        api(volunteer).get("/api/v1/volunteers/me/pairings").then().extract().path("items[0].id");
    api(volunteer)
        .queryParam("limit", "100")
        .get("/api/v1/pairings/{id}/care-records", pairing)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(8));
    // 李小明's whole file: a visit with a photo, an approved plan, a report closed with two agencies.
    String child =
        api(token).get("/api/v1/admin/pairings/{id}", pairing).then().extract().path("childId");
    api(token)
        .get("/api/v1/admin/children/{id}/file", child)
        .then()
        .statusCode(200)
        .body("plan.current.status", equalTo("APPROVED"))
        .body("care.findAll { it.attachments.size() > 0 }.size()", equalTo(1))
        .body(
            "reports.find { it.status == 'CLOSED' }.referrals.status",
            equalTo(java.util.List.of("DONE", "DONE")));
    api(volunteer)
        .get("/api/v1/pairings/{id}/care-tasks", pairing)
        .then()
        .statusCode(200)
        .body("items.find { it.item == 'CONTACT_CHILD' }.history.status", hasItem("OVERDUE"))
        .body("items.find { it.item == 'READING' }.count", equalTo(1));
    api(token)
        .queryParam("districtCode", DemoData.DISTRICT)
        .queryParam("status", "REPORTED")
        .get("/api/v1/admin/concerns")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.childName == '陈浩' && it.category == 'DROPOUT' }.size()",
            equalTo(1));
    java.util.List<String> troupes = api(token)
        .queryParam("districtCode", DemoData.DISTRICT)
        .get("/api/v1/admin/troupes")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .extract()
        .jsonPath()
        .getList("items.findAll { it.kind == 'SINGING' }.id");
    String coach = fixtures.login("coach").token();
    java.time.ZoneId cq = java.time.ZoneId.of("Asia/Shanghai");
    java.time.Instant now = server.clock().instant();
    // The demo's sessions lie in the last 29 days: exact figures only when those days are all in
    // this year.
    if (java.time.LocalDate.ofInstant(now.minus(java.time.Duration.ofDays(30)), cq)
            .getYear()
        == java.time.LocalDate.ofInstant(now, cq).getYear()) {
      api(coach)
          .get("/api/v1/troupes/{id}/progress", troupes.get(0))
          .then()
          .statusCode(200)
          .body("sessionsHeld", equalTo(5))
          .body("atRisk.name", equalTo(java.util.List.of("周子轩")));
    }
    api(coach)
        .get("/api/v1/troupes/{id}/assessment-summary", troupes.get(0))
        .then()
        .statusCode(200)
        .body("children.size()", equalTo(6));
    // 王芳 has points to spend at the demo merchants, and 陈麻花's cashier can verify her code.
    api(volunteer)
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .body("balance", org.hamcrest.Matchers.greaterThanOrEqualTo(200));
    api(volunteer)
        .queryParam("lat", "29.57")
        .queryParam("lng", "106.45")
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.merchantName == '磁器口陈麻花' && it.affordable }.size()",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    api(fixtures.login("merchant").token())
        .get("/api/v1/merchant/redemptions")
        .then()
        .statusCode(200);
    // Three surveys; the singing troupe's children answered theirs, enough for the results to show.
    String singing = api(token)
        .get("/api/v1/admin/surveys")
        .then()
        .statusCode(200)
        .body(
            "items.title",
            org.hamcrest.Matchers.hasItems("欢唱团参与儿童满意度调查", "爱心妈妈关爱服务监护人满意度调查", "心理团辅活动满意度调查"))
        .extract()
        .path("items.find { it.title == '欢唱团参与儿童满意度调查' }.id");
    api(token)
        .get("/api/v1/admin/surveys/{id}/results?groupBy=TROUPE", singing)
        .then()
        .statusCode(200)
        .body("total.responses", equalTo(6))
        .body("groups[0].label", equalTo("沙坪坝区“渝好”欢唱团"))
        .body("total.questions[0].mean", equalTo(4.33f))
        .body("previous.title", equalTo("上年度欢唱团参与儿童满意度调查"))
        .body("previous.total.responses", equalTo(6))
        .body("previous.total.questions[0].mean", equalTo(3.83f));
    // The demo evaluator reads the district's sample of child files, masked (which children it
    // holds depends on
    // the hash and on what else the shared district holds, so only its size and masking are
    // checked).
    io.restassured.path.json.JsonPath sample = api(fixtures.login("evaluator").token())
        .get("/api/v1/admin/evaluation/child-sample?districtCode=" + DemoData.DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    org.assertj.core.api.Assertions.assertThat(sample.getInt("sampleSize"))
        .isEqualTo(Math.min(20, sample.getInt("population")))
        .isGreaterThanOrEqualTo(4);
    org.assertj.core.api.Assertions.assertThat(sample.getList("items.name", String.class))
        .allMatch(n -> n.matches(".\\*+"));
    // Each flow of the service life once.
    String wang = fixtures.login("volunteer").token();
    api(wang)
        .get("/api/v1/activities")
        .then()
        .statusCode(200)
        .body("items.find { it.title == '十二月集体生日会' }.myStatus", equalTo("CONFIRMED"));
    api(wang)
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .body("years.byKind.flatten().find { it.kind == 'CARE_VISIT' }.hours", equalTo(1.5f))
        .body("honours[0].title", equalTo("最美爱心妈妈"));
    api(wang).get("/api/v1/volunteers/me/training").then().body("items.size()", equalTo(1));
    api(token)
        .get("/api/v1/admin/training-coverage?districtCode=" + DemoData.DISTRICT)
        .then()
        .statusCode(200)
        .body("trained", equalTo(1))
        .body("missing.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    api(token)
        .get("/api/v1/admin/hour-claims?status=PENDING")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
    api(token)
        .get("/api/v1/admin/visit-hours?status=PENDING")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
    api(token)
        .get("/api/v1/admin/dashboard?districtCode=" + DemoData.DISTRICT)
        .then()
        .statusCode(200)
        .body("volunteerTags.find { it.tag == 'PARTY_MEMBER' }.volunteers", equalTo(1))
        .body("training.trained", equalTo(1));
  }
}
