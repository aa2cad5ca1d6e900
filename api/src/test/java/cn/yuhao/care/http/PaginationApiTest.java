package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Paired;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A paged list walked one item at a time reaches its end, each item once, newest first. */
class PaginationApiTest extends ApiTest {
  /** Every id of a list, read with limit=1 page by page. */
  static List<String> walk(String token, String path) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1000; page++) {
      var spec = api(token).queryParam("limit", 1);
      if (cursor != null) {
        spec = spec.queryParam("cursor", cursor);
      }
      var body = spec.get(path).then().statusCode(200).extract().jsonPath();
      List<String> items = body.getList("items.id");
      assertThat(items).hasSizeLessThanOrEqualTo(1);
      ids.addAll(items);
      cursor = body.getString("nextCursor");
      if (cursor == null) {
        return ids;
      }
    }
    throw new AssertionError(path + " never ended");
  }

  @Test
  void her_reports_walked_one_by_one() {
    Paired p = fixtures.pairing("500103", Map.of());
    String v = p.volunteer().login().token();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(
          0,
          api(v)
              .body(Map.of(
                  "childId",
                  p.childId(),
                  "category",
                  "OTHER",
                  "severity",
                  "NORMAL",
                  "description",
                  "第 " + i + " 次报告",
                  "occurredAt",
                  server.clock().instant().minusSeconds(60).toString()))
              .post("/api/v1/concerns")
              .then()
              .statusCode(201)
              .extract()
              .<String>path("id"));
    }
    assertThat(walk(v, "/api/v1/concerns/mine")).isEqualTo(made);
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      asked.add(
          0,
          api(p.admin().token())
              .body(Map.of("request", "请第 " + i + " 次家访。"))
              .post("/api/v1/admin/pairings/{id}/follow-ups", p.pairingId())
              .then()
              .statusCode(201)
              .extract()
              .<String>path("id"));
    }
    assertThat(walk(v, "/api/v1/pairings/" + p.pairingId() + "/follow-ups")).isEqualTo(asked);
    assertThat(walk(v, "/api/v1/volunteers/me/pairing-requests")).isEmpty();
    // Open activities, soonest first: the cursor carries the start time.
    List<String> activities = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      java.time.Instant starts = server.clock().instant().plus(java.time.Duration.ofDays(3 + i));
      activities.add(api(p.admin().token())
          .body(Map.of(
              "districtCode",
              "500103",
              "kind",
              "PSY_GROUP",
              "title",
              "分页活动 " + i,
              "place",
              "社区活动室",
              "startsAt",
              starts.toString(),
              "endsAt",
              starts.plus(java.time.Duration.ofHours(2)).toString(),
              "quota",
              5,
              "needsApproval",
              false,
              "specialties",
              List.of()))
          .post("/api/v1/admin/activities")
          .then()
          .statusCode(201)
          .extract()
          .<String>path("id"));
    }
    assertThat(walk(v, "/api/v1/activities")).containsSubsequence(activities);
    assertThat(walk(v, "/api/v1/volunteers/me/checkins")).isEmpty();
    assertThat(walk(v, "/api/v1/volunteers/me/activity-checkins")).isEmpty();
    assertThat(walk(v, "/api/v1/redemptions/mine")).isEmpty();
  }
}
