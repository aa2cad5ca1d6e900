package cn.yuhao.care.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurveyApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";
  private static final String YUZHONG = "500103";

  private static final List<Map<String, Object>> QUESTIONS = List.of(
      Map.of("id", "q1", "kind", "RATING", "text", "您对爱心妈妈的关爱总体满意吗", "required", true),
      Map.of(
          "id",
          "q2",
          "kind",
          "SINGLE",
          "text",
          "爱心妈妈多久联系一次孩子",
          "required",
          true,
          "options",
          List.of(
              Map.of("id", "week", "label", "每周"),
              Map.of("id", "month", "label", "每月"),
              Map.of("id", "rarely", "label", "很少"))),
      Map.of(
          "id",
          "q3",
          "kind",
          "MULTIPLE",
          "text",
          "孩子有哪些变化",
          "required",
          false,
          "options",
          List.of(
              Map.of("id", "study", "label", "学习进步"),
              Map.of("id", "mood", "label", "更开朗"),
              Map.of("id", "none", "label", "没有明显变化"))),
      Map.of("id", "q4", "kind", "TEXT", "text", "您的建议", "required", false));

  private static Map<String, Object> survey(String audience, String kind, String district) {
    Instant now = server.clock().instant();
    Map<String, Object> body = new HashMap<>(Map.of(
        "title",
        "监护人满意度调查",
        "audience",
        audience,
        "subjectKind",
        kind,
        "opensAt",
        now.minus(Duration.ofHours(1)).toString(),
        "closesAt",
        now.plus(Duration.ofDays(30)).toString(),
        "questions",
        QUESTIONS));
    body.put("districtCode", district);
    return body;
  }

  private static String create(Login admin, Map<String, Object> body) {
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/surveys")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String link(Login admin, String survey, String subject) {
    return api(admin.token())
        .body(Map.of("subjectId", subject))
        .post("/api/v1/admin/surveys/{id}/links", survey)
        .then()
        .statusCode(201)
        .extract()
        .path("scene");
  }

  private static Map<String, Object> answers(int rating, String often) {
    return Map.of(
        "answers",
        List.of(
            Map.of("questionId", "q1", "rating", rating),
            Map.of("questionId", "q2", "choice", often),
            Map.of("questionId", "q3", "choices", List.of("study", "mood")),
            Map.of("questionId", "q4", "text", "希望爱心妈妈多带孩子读书")));
  }

  private static void answer(Login who, String scene, Map<String, Object> body) {
    api(who.token())
        .body(body)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(201);
  }

  private static int count(String sql, String param) {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(
            h -> h.createQuery(sql).bind("s", param).mapTo(Integer.class).one());
  }

  @Test
  void guardians_answer_once_anonymously_and_small_groups_stay_hidden() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired big = fixtures.pairing(da, SHAPINGBA, Map.of("street", fixtures.street(SHAPINGBA)));
    Paired small = fixtures.pairing(da, SHAPINGBA, Map.of("street", fixtures.street(SHAPINGBA)));
    String survey = create(da, survey("GUARDIAN", "PAIRING", SHAPINGBA));
    String bigScene = link(da, survey, big.pairingId());
    assertThat(link(da, survey, big.pairingId())).isEqualTo(bigScene); // the same link again
    String smallScene = link(da, survey, small.pairingId());

    Login first = fixtures.login();
    api(first.token())
        .get("/api/v1/survey-links/{scene}", bigScene)
        .then()
        .statusCode(200)
        .body("status", equalTo("OPEN"))
        .body("subjectLabel", equalTo("结对关爱服务"))
        .body("answered", equalTo(false))
        .body("childMode", equalTo(false))
        .body("questions.id", hasItem("q3"));
    answer(first, bigScene, answers(5, "week"));
    api(first.token())
        .get("/api/v1/survey-links/{scene}", bigScene)
        .then()
        .body("answered", equalTo(true));
    api(first.token())
        .body(answers(1, "rarely"))
        .post("/api/v1/survey-links/{scene}/responses", bigScene)
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    for (int rating : new int[] {4, 4, 5, 3, 2}) {
      answer(fixtures.login(), bigScene, answers(rating, "week"));
    }
    answer(fixtures.login(), smallScene, answers(1, "rarely"));
    answer(fixtures.login(), smallScene, answers(2, "month"));

    // Nothing in the stored answer names who gave it.
    var jdbi = server.app().services().jdbi();
    List<Map<String, Object>> rows =
        jdbi.withHandle(h -> h.createQuery("SELECT * FROM survey_responses WHERE survey_id = :s")
            .bind("s", Long.parseLong(survey))
            .mapToMap()
            .list());
    assertThat(rows).hasSize(8);
    assertThat(rows.get(0).keySet())
        .containsExactlyInAnyOrder(
            "id",
            "survey_id",
            "link_id",
            "respondent_hash",
            "district_code",
            "street",
            "troupe_id",
            "submitted_on");
    assertThat(rows).noneMatch(r -> r.get("respondent_hash").toString().contains(first.userId()));
    assertThat(count(
            "SELECT COUNT(*) FROM survey_answers WHERE survey_id = :s AND text_enc LIKE '%读书%'",
            survey))
        .isZero();

    JsonPath byDistrict = api(da.token())
        .get("/api/v1/admin/surveys/{id}/results", survey)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(byDistrict.getInt("total.responses")).isEqualTo(8);
    assertThat(byDistrict.getInt("groups[0].responses")).isEqualTo(8);
    assertThat(byDistrict.getString("groups[0].label")).isEqualTo("沙坪坝区");
    assertThat(byDistrict.getDouble("total.questions[0].mean")).isEqualTo(3.25); // 26 / 8
    assertThat(byDistrict.getInt("total.questions[0].counts.'5'")).isEqualTo(2);
    assertThat(byDistrict.getInt("total.questions[1].counts.week")).isEqualTo(6);
    assertThat(byDistrict.getInt("total.questions[2].answers")).isEqualTo(8);
    assertThat(byDistrict.getInt("total.questions[2].counts.mood")).isEqualTo(8);
    assertThat(byDistrict.getInt("total.questions[3].answers")).isEqualTo(8);
    assertThat(byDistrict.getMap("total.questions[3]")).doesNotContainKey("texts");

    // By street: 2 answers in one street are hidden, and so is the other street (else 8 − 6 gives
    // them away).
    JsonPath byStreet = api(da.token())
        .get("/api/v1/admin/surveys/{id}/results?groupBy=STREET", survey)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(byStreet.getList("groups.suppressed")).containsExactly(true, true);
    assertThat(byStreet.getList("groups.responses")).containsOnlyNulls();
    assertThat(byStreet.getInt("total.responses")).isEqualTo(8);
    // The spreadsheet says the same, in words: the options' labels, and the hidden streets as
    // hidden.
    byte[] xlsx = api(da.token())
        .get("/api/v1/admin/surveys/{id}/results?groupBy=STREET&format=xlsx", survey)
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
    List<Map<Integer, String>> sheet = cn.idev.excel.FastExcel.read(
            new java.io.ByteArrayInputStream(xlsx))
        .sheet(0)
        .headRowNumber(0)
        .doReadSync();
    assertThat(sheet.get(0)).containsValues("分组", "选项", "平均分");
    assertThat(sheet)
        .anySatisfy(row -> assertThat(row).containsValues("合计", "每周", "6"))
        .filteredOn(row -> !"合计".equals(row.get(0)) && !"分组".equals(row.get(0)))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.get(1)).contains("不显示"));
    assertThat(count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'survey.results.read' AND target_id = :s",
            survey))
        .isEqualTo(3);
  }

  @Test
  void a_survey_that_repeats_last_years_round_shows_its_results_beside() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired paired = fixtures.pairing(da, SHAPINGBA, Map.of());
    String lastYear = create(da, survey("GUARDIAN", "PAIRING", SHAPINGBA));
    String scene = link(da, lastYear, paired.pairingId());
    for (int rating : new int[] {4, 4, 5, 3, 2}) {
      answer(fixtures.login(), scene, answers(rating, "week"));
    }
    Map<String, Object> next = survey("GUARDIAN", "PAIRING", SHAPINGBA);
    next.put("opensAt", server.clock().instant().plus(Duration.ofHours(1)).toString());
    next.put("previousSurveyId", lastYear);
    String thisYear = api(da.token())
        .body(next)
        .post("/api/v1/admin/surveys")
        .then()
        .statusCode(201)
        .body("previousSurveyId", equalTo(lastYear))
        .extract()
        .path("id");

    JsonPath results = api(da.token())
        .get("/api/v1/admin/surveys/{id}/results", thisYear)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(results.getBoolean("total.suppressed")).isTrue(); // no answers yet
    assertThat(results.getString("previous.surveyId")).isEqualTo(lastYear);
    assertThat(results.getInt("previous.total.responses")).isEqualTo(5);
    assertThat(results.getDouble("previous.total.questions[0].mean")).isEqualTo(3.6); // 18 / 5
    assertThat(api(da.token())
            .get("/api/v1/admin/surveys/{id}/results", lastYear)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("$"))
        .containsEntry("previous", null);
    byte[] xlsx = api(da.token())
        .get("/api/v1/admin/surveys/{id}/results?format=xlsx", thisYear)
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
    List<Map<Integer, String>> sheet = cn.idev.excel.FastExcel.read(
            new java.io.ByteArrayInputStream(xlsx))
        .sheet(0)
        .headRowNumber(0)
        .doReadSync();
    assertThat(sheet).anySatisfy(row -> assertThat(row.get(0)).startsWith("上一轮合计"));

    // The earlier round must be one she can see, for the same respondents and subjects, opened
    // before.
    Login other = fixtures.districtAdmin(YUZHONG);
    String elsewhere = create(other, survey("GUARDIAN", "PAIRING", YUZHONG));
    String children = create(da, survey("CHILD", "PAIRING", SHAPINGBA));
    for (String previous : List.of("abc", elsewhere, children, thisYear)) {
      Map<String, Object> bad = survey("GUARDIAN", "PAIRING", SHAPINGBA);
      bad.put("previousSurveyId", previous);
      api(da.token())
          .body(bad)
          .post("/api/v1/admin/surveys")
          .then()
          .statusCode(422)
          .body("fields.field", hasItem("previousSurveyId"));
    }
  }

  @Test
  void
      a_childrens_survey_about_an_activity_is_answered_by_mothers_who_took_part_for_their_own_child() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired went = fixtures.pairing(da, SHAPINGBA, Map.of());
    Paired stayed = fixtures.pairing(da, SHAPINGBA, Map.of());
    Instant starts = server.clock().instant().plus(Duration.ofDays(2));
    String activity = api(da.token())
        .body(Map.of(
            "districtCode",
            SHAPINGBA,
            "kind",
            "BIRTHDAY",
            "title",
            "集体生日会",
            "place",
            "社区活动室",
            "startsAt",
            starts.toString(),
            "endsAt",
            starts.plus(Duration.ofHours(2)).toString(),
            "quota",
            10))
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(went.volunteer().login().token())
        .post("/api/v1/activities/{id}/signups", activity)
        .then()
        .statusCode(201);
    String survey = create(da, survey("CHILD", "ACTIVITY", SHAPINGBA));
    io.restassured.path.json.JsonPath issued = api(da.token())
        .body(Map.of("subjectId", activity))
        .post("/api/v1/admin/surveys/{id}/links", survey)
        .then()
        .statusCode(201)
        .body("subjectLabel", equalTo("集体生日会"))
        .extract()
        .jsonPath();
    String scene = issued.getString("scene");
    // The same 小程序码 as a PNG for the poster; another survey's path does not find the link.
    api(da.token())
        .get("/api/v1/admin/surveys/{id}/links/{link}.png", survey, issued.getString("id"))
        .then()
        .statusCode(200)
        .contentType("image/png");
    api(da.token())
        .get("/api/v1/admin/surveys/{id}/links/{link}.png", "1", issued.getString("id"))
        .then()
        .statusCode(404);
    Map<String, Object> answer = new HashMap<>(answers(5, "week"));
    answer.put("childId", went.childId());
    api(went.volunteer().login().token())
        .body(answer)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(201);
    // A mother who did not take part, or a child who is not hers: refused.
    answer.put("childId", stayed.childId());
    raw(stayed.volunteer().login().token())
        .contentType("application/json")
        .body(answer)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(403);
    raw(went.volunteer().login().token())
        .contentType("application/json")
        .body(answer)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(403);
  }

  @Test
  void a_bad_answer_is_refused_naming_the_field_and_nothing_is_stored() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired p = fixtures.pairing(da, SHAPINGBA, Map.of());
    String survey = create(da, survey("GUARDIAN", "PAIRING", SHAPINGBA));
    String scene = link(da, survey, p.pairingId());
    Login g = fixtures.login();
    Map<String, List<Map<String, Object>>> cases = Map.of(
        "answers[0].questionId", List.of(Map.of("questionId", "q9", "rating", 3)),
        "answers[1].choice",
            List.of(
                Map.of("questionId", "q1", "rating", 3),
                Map.of("questionId", "q2", "choice", "daily")),
        "answers[1].choices",
            List.of(
                Map.of("questionId", "q1", "rating", 3),
                Map.of("questionId", "q3", "choices", List.of("study", "study"))),
        "answers[0]", List.of(Map.of("questionId", "q1", "choice", "week")),
        "answers", List.of(Map.of("questionId", "q2", "choice", "week")));
    cases.forEach((field, answers) -> raw(g.token())
        .contentType(ContentType.JSON)
        .body(Map.of("answers", answers))
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem(field)));
    raw(g.token())
        .contentType(ContentType.JSON)
        .body(Map.of(
            "answers",
            List.of(
                Map.of("questionId", "q1", "rating", 3),
                Map.of("questionId", "q2", "choice", "week"),
                Map.of("questionId", "q4", "text", "很".repeat(301)))))
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("answers[2].text"));
    raw(g.token())
        .contentType(ContentType.JSON)
        .body(Map.of(
            "childId", p.childId(), "answers", List.of(Map.of("questionId", "q1", "rating", 3))))
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("childId"));
    assertThat(count("SELECT COUNT(*) FROM survey_responses WHERE survey_id = :s", survey))
        .isZero();
    // After all that, her one answer still counts.
    answer(g, scene, answers(4, "month"));
  }

  @Test
  void a_survey_answers_only_while_open_and_a_forged_scene_finds_nothing() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired p = fixtures.pairing(da, SHAPINGBA, Map.of());
    Map<String, Object> later = survey("GUARDIAN", "PAIRING", SHAPINGBA);
    later.put("opensAt", server.clock().instant().plus(Duration.ofDays(2)).toString());
    String survey = create(da, later);
    String scene = link(da, survey, p.pairingId());
    Login g = fixtures.login();
    api(g.token())
        .get("/api/v1/survey-links/{scene}", scene)
        .then()
        .body("status", equalTo("NOT_OPEN"));
    api(g.token())
        .body(answers(5, "week"))
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(409)
        .body("code", equalTo("SURVEY_CLOSED"));
    // Closed early by its district, it stays closed; the other district cannot close it.
    String open = create(da, survey("GUARDIAN", "PAIRING", SHAPINGBA));
    String openScene = link(da, open, p.pairingId());
    api(fixtures.districtAdmin(YUZHONG).token())
        .post("/api/v1/admin/surveys/{id}/close", open)
        .then()
        .statusCode(404);
    api(da.token())
        .post("/api/v1/admin/surveys/{id}/close", open)
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"));
    api(da.token()).post("/api/v1/admin/surveys/{id}/close", open).then().statusCode(409);
    api(g.token())
        .body(answers(5, "week"))
        .post("/api/v1/survey-links/{scene}/responses", openScene)
        .then()
        .statusCode(409)
        .body("code", equalTo("SURVEY_CLOSED"));
    String forged =
        Long.toString(Long.parseLong(scene.substring(0, scene.indexOf('.')), 36) + 1, 36)
            + scene.substring(scene.indexOf('.'));
    api(g.token()).get("/api/v1/survey-links/{scene}", forged).then().statusCode(404);
  }

  @Test
  void a_child_answers_on_her_carers_phone_once_and_nobody_else_answers_for_her() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Paired p = fixtures.pairing(da, SHAPINGBA, Map.of());
    Paired other = fixtures.pairing(da, SHAPINGBA, Map.of());
    String survey = create(da, survey("CHILD", "PAIRING", SHAPINGBA));
    String scene = link(da, survey, p.pairingId());
    Login mother = p.volunteer().login();
    api(mother.token())
        .get("/api/v1/survey-links/{scene}", scene)
        .then()
        .body("childMode", equalTo(true))
        .body("ratingLabels[4]", equalTo("很满意"));
    Map<String, Object> mine = new HashMap<>(answers(5, "week"));
    mine.put("childId", p.childId());
    answer(mother, scene, mine);
    api(mother.token())
        .body(mine)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(409);
    Map<String, Object> notHers = new HashMap<>(answers(5, "week"));
    notHers.put("childId", other.childId());
    api(mother.token())
        .body(notHers)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(403);
    api(other.volunteer().login().token())
        .body(mine)
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(403);
    api(mother.token())
        .body(answers(5, "week"))
        .post("/api/v1/survey-links/{scene}/responses", scene)
        .then()
        .statusCode(422);
  }

  @Test
  void admins_reach_only_their_districts_surveys_and_subjects() {
    Login shapingba = fixtures.districtAdmin(SHAPINGBA);
    Login yuzhong = fixtures.districtAdmin(YUZHONG);
    Login city = fixtures.cityAdmin();
    String survey = create(shapingba, survey("GUARDIAN", "PAIRING", SHAPINGBA));
    api(yuzhong.token()).get("/api/v1/admin/surveys/{id}", survey).then().statusCode(404);
    api(yuzhong.token())
        .get("/api/v1/admin/surveys/{id}/results", survey)
        .then()
        .statusCode(404);
    api(city.token()).get("/api/v1/admin/surveys/{id}", survey).then().statusCode(200);
    api(yuzhong.token())
        .body(survey("GUARDIAN", "DISTRICT", null))
        .post("/api/v1/admin/surveys")
        .then()
        .statusCode(403);
    api(yuzhong.token())
        .body(survey("GUARDIAN", "DISTRICT", SHAPINGBA))
        .post("/api/v1/admin/surveys")
        .then()
        .statusCode(403);
    String cityWide = create(city, survey("GUARDIAN", "DISTRICT", null));
    api(yuzhong.token())
        .get("/api/v1/admin/surveys/{id}", cityWide)
        .then()
        .statusCode(200)
        .body("districtCode", nullValue());
    // A district admin puts the city's survey before her own district only.
    api(yuzhong.token())
        .body(Map.of("subjectId", SHAPINGBA))
        .post("/api/v1/admin/surveys/{id}/links", cityWide)
        .then()
        .statusCode(404);
    link(yuzhong, cityWide, YUZHONG);
    Paired elsewhere = fixtures.pairing(shapingba, SHAPINGBA, Map.of());
    api(city.token())
        .body(Map.of("subjectId", elsewhere.pairingId()))
        .post("/api/v1/admin/surveys/{id}/links", cityWide)
        .then()
        .statusCode(404); // a pairing is not a DISTRICT subject
  }

  @Test
  void a_malformed_survey_is_refused_naming_the_field() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Instant now = server.clock().instant();
    Map<String, Object> body = survey("CHILD", "DISTRICT", SHAPINGBA);
    body.put("closesAt", now.minus(Duration.ofDays(2)).toString());
    body.put(
        "questions",
        List.of(
            Map.of(
                "id",
                "q1",
                "kind",
                "RATING",
                "text",
                "满意吗",
                "required",
                true,
                "options",
                List.of(Map.of("id", "a", "label", "是"), Map.of("id", "b", "label", "否"))),
            Map.of(
                "id",
                "q1",
                "kind",
                "SINGLE",
                "text",
                "选一个",
                "required",
                true,
                "options",
                List.of(Map.of("id", "a", "label", "是")))));
    JsonPath problem = raw(da.token())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/surveys")
        .then()
        .statusCode(422)
        .extract()
        .jsonPath();
    assertThat(problem.getList("fields.field", String.class))
        .contains(
            "subjectKind",
            "closesAt",
            "questions[0].options",
            "questions[1].id",
            "questions[1].options");
  }
}
