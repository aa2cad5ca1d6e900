package cn.yuhao.care.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Activities: organisers publish, volunteers sign up within the quota, a waiting list moves up. */
class ActivityApiTest extends ApiTest {
  private static final String DISTRICT = Districts.claim(ActivityApiTest.class, "500113");
  private static final String OTHER = Districts.claim(ActivityApiTest.class, "500118");

  private static Map<String, Object> activity(
      int quota, boolean approval, List<String> specialties) {
    Instant starts = server.clock().instant().plus(Duration.ofDays(3));
    Map<String, Object> body = new HashMap<>();
    body.put("districtCode", DISTRICT);
    body.put("kind", "PSY_GROUP");
    body.put("title", "周末心理团辅");
    body.put("place", "社区活动室");
    body.put("startsAt", starts.toString());
    body.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
    body.put("quota", quota);
    body.put("needsApproval", approval);
    body.put("specialties", specialties);
    return body;
  }

  private static String create(Login admin, Map<String, Object> body) {
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .extract()
        .path("id");
  }

  private static Volunteer volunteer(Login da, String specialty) {
    return fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of(specialty), 1);
  }

  private static String signUp(Volunteer v, String activity) {
    return api(v.login().token())
        .post("/api/v1/activities/{id}/signups", activity)
        .then()
        .statusCode(201)
        .extract()
        .path("myStatus");
  }

  private static List<String> statuses(Login admin, String activity) {
    return api(admin.token())
        .get("/api/v1/admin/activities/{id}/signups", activity)
        .then()
        .statusCode(200)
        .extract()
        .path("items.status");
  }

  @Test
  void a_bad_activity_is_refused_naming_the_field() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Instant now = server.clock().instant();
    record Case(String field, Object value, String expected) {}
    List<Case> cases = List.of(
        new Case("kind", "DANCE", "kind"),
        new Case("quota", 0, "quota"),
        new Case("quota", 1001, "quota"),
        new Case("title", " ", "title"),
        new Case("districtCode", "500199", "districtCode"),
        new Case("street", "没有的街道", "street"),
        new Case("teamId", "abc", "teamId"),
        new Case("specialties", List.of("ASTRONAUT"), "specialties"),
        new Case("startsAt", now.minus(Duration.ofHours(1)).toString(), "startsAt"),
        new Case(
            "endsAt", now.plus(Duration.ofDays(3)).minus(Duration.ofHours(1)).toString(), "endsAt"),
        new Case("endsAt", now.plus(Duration.ofDays(5)).toString(), "endsAt"));
    for (Case c : cases) {
      Map<String, Object> body = activity(5, false, List.of());
      body.put(c.field(), c.value());
      raw(da.token())
          .contentType("application/json")
          .body(body)
          .post("/api/v1/admin/activities")
          .then()
          .statusCode(422)
          .body("fields.field", hasItem(c.expected()));
    }
    // Another district's admin cannot publish here.
    raw(fixtures.districtAdmin(OTHER).token())
        .contentType("application/json")
        .body(activity(5, false, List.of()))
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(403);
    api(da.token())
        .get("/api/v1/admin/activities?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .body("items.title", not(hasItem("没有的街道")));
  }

  @Test
  void places_go_in_order_and_a_cancellation_moves_the_waiting_list_up() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String id = create(da, activity(2, false, List.of()));
    Volunteer a = volunteer(da, "TEACHER");
    Volunteer b = volunteer(da, "TEACHER");
    Volunteer c = volunteer(da, "TEACHER");
    assertThat(signUp(a, id)).isEqualTo("CONFIRMED");
    assertThat(signUp(b, id)).isEqualTo("CONFIRMED");
    assertThat(signUp(c, id)).isEqualTo("WAITLISTED");
    raw(a.login().token())
        .post("/api/v1/activities/{id}/signups", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    api(c.login().token())
        .get("/api/v1/activities")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + id + "' }.myStatus", equalTo("WAITLISTED"))
        .body("items.find { it.id == '" + id + "' }.placesLeft", equalTo(0))
        .body("items.find { it.id == '" + id + "' }.waiting", equalTo(1));

    api(a.login().token())
        .post("/api/v1/activities/{id}/signups/cancel", id)
        .then()
        .statusCode(200)
        .body("myStatus", equalTo("CANCELLED"));
    assertThat(statuses(da, id)).containsExactly("CANCELLED", "CONFIRMED", "CONFIRMED");
    raw(a.login().token())
        .post("/api/v1/activities/{id}/signups/cancel", id)
        .then()
        .statusCode(404);

    // A volunteer of another district neither sees it nor can sign up.
    Volunteer elsewhere = fixtures.admittedVolunteer(
        fixtures.districtAdmin(OTHER), OTHER, 29.5, 106.5, List.of("TEACHER"), 1);
    api(elsewhere.login().token())
        .get("/api/v1/activities")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(id)));
    raw(elsewhere.login().token())
        .post("/api/v1/activities/{id}/signups", id)
        .then()
        .statusCode(404);
    raw(fixtures.districtAdmin(OTHER).token())
        .get("/api/v1/admin/activities/{id}/signups", id)
        .then()
        .statusCode(404);
  }

  @Test
  void the_organiser_approves_and_a_rejection_frees_the_place_for_the_next() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String id = create(da, activity(1, true, List.of()));
    Volunteer a = volunteer(da, "TEACHER");
    Volunteer b = volunteer(da, "TEACHER");
    assertThat(signUp(a, id)).isEqualTo("PENDING");
    assertThat(signUp(b, id)).isEqualTo("WAITLISTED");
    api(da.token())
        .post("/api/v1/admin/activities/{id}/signups/{v}/approve", id, a.id())
        .then()
        .statusCode(200)
        .body("status", equalTo("CONFIRMED"));
    raw(da.token())
        .post("/api/v1/admin/activities/{id}/signups/{v}/approve", id, a.id())
        .then()
        .statusCode(409);
    api(da.token())
        .post("/api/v1/admin/activities/{id}/signups/{v}/reject", id, a.id())
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"));
    assertThat(statuses(da, id)).containsExactly("REJECTED", "PENDING");
    raw(a.login().token()).post("/api/v1/activities/{id}/signups", id).then().statusCode(409);
  }

  @Test
  void an_activity_asking_for_specialties_takes_only_volunteers_who_have_one() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String id = create(da, activity(5, false, List.of("PSYCHOLOGIST")));
    Volunteer teacher = volunteer(da, "TEACHER");
    Volunteer psychologist = volunteer(da, "PSYCHOLOGIST");
    api(teacher.login().token())
        .get("/api/v1/activities")
        .then()
        .body("items.id", not(hasItem(id)));
    raw(teacher.login().token())
        .post("/api/v1/activities/{id}/signups", id)
        .then()
        .statusCode(409);
    assertThat(signUp(psychologist, id)).isEqualTo("CONFIRMED");
    // A street supervisor publishes for her street only.
    String street = fixtures.street(DISTRICT);
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, DISTRICT, street);
    Map<String, Object> mine = activity(3, false, List.of());
    mine.put("street", street);
    create(supervisor, mine);
    raw(supervisor.token())
        .contentType("application/json")
        .body(activity(3, false, List.of()))
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(403);
  }

  @Test
  void of_twice_as_many_racing_volunteers_exactly_the_quota_get_places() throws Exception {
    Login da = fixtures.districtAdmin(DISTRICT);
    int quota = 5;
    String id = create(da, activity(quota, false, List.of()));
    List<Volunteer> racers = new ArrayList<>();
    for (int i = 0; i < 2 * quota; i++) {
      racers.add(volunteer(da, "TEACHER"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(racers.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (Volunteer v : racers) {
        results.add(pool.submit(() -> {
          start.await();
          return signUp(v, id);
        }));
      }
      start.countDown();
      List<String> statuses = new ArrayList<>();
      for (Future<String> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses.stream().filter("CONFIRMED"::equals).count()).isEqualTo(quota);
      assertThat(statuses.stream().filter("WAITLISTED"::equals).count()).isEqualTo(quota);
    } finally {
      pool.shutdownNow();
    }
    api(da.token())
        .get("/api/v1/admin/activities?districtCode=" + DISTRICT)
        .then()
        .body("items.find { it.id == '" + id + "' }.placesTaken", equalTo(quota))
        .body("items.find { it.id == '" + id + "' }.waiting", equalTo(quota));
  }

  private static String checkinCode(Login organiser, String activity) {
    return api(organiser.token())
        .get("/api/v1/activities/{id}/checkin-code", activity)
        .then()
        .statusCode(200)
        .extract()
        .path("code");
  }

  @Test
  void confirmed_volunteers_check_in_and_out_with_the_organisers_code_for_verified_hours() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Map<String, Object> soon = activity(1, false, List.of());
    Instant starts = server.clock().instant().plus(Duration.ofMinutes(10));
    soon.put("startsAt", starts.toString());
    soon.put("endsAt", starts.plus(Duration.ofHours(1)).toString());
    String id = create(da, soon);
    Volunteer in = volunteer(da, "TEACHER");
    Volunteer waiting = volunteer(da, "TEACHER");
    Volunteer stranger = volunteer(da, "TEACHER");
    assertThat(signUp(in, id)).isEqualTo("CONFIRMED");
    assertThat(signUp(waiting, id)).isEqualTo("WAITLISTED");

    String code = checkinCode(da, id);
    for (Volunteer v : List.of(waiting, stranger)) {
      raw(v.login().token())
          .contentType("application/json")
          .body(Map.of("code", checkinCode(da, id)))
          .post("/api/v1/activity-checkins")
          .then()
          .statusCode(403);
    }
    raw(in.login().token())
        .contentType("application/json")
        .body(Map.of("code", code + "x"))
        .post("/api/v1/activity-checkins")
        .then()
        .statusCode(422)
        .body("code", equalTo("CODE_INVALID"));
    String checkin = api(in.login().token())
        .body(Map.of("code", code))
        .post("/api/v1/activity-checkins")
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .extract()
        .path("id");
    raw(in.login().token())
        .contentType("application/json")
        .body(Map.of("code", checkinCode(da, id)))
        .post("/api/v1/activity-checkins")
        .then()
        .statusCode(409)
        .body("code", equalTo("ALREADY_CHECKED_IN"));
    // The same code again does not check her out; another activity's code neither.
    raw(in.login().token())
        .contentType("application/json")
        .body(Map.of("code", code))
        .post("/api/v1/activity-checkins/{id}/checkout", checkin)
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_REPLAYED"));
    String other = create(da, soon);
    raw(in.login().token())
        .contentType("application/json")
        .body(Map.of("code", checkinCode(da, other)))
        .post("/api/v1/activity-checkins/{id}/checkout", checkin)
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_OTHER_SESSION"));

    // She served 100 minutes (set-up moves her check-in back); the activity lasts 1 h, so at most 2
    // h count.
    server
        .app()
        .services()
        .jdbi()
        .useHandle(
            h -> h.createUpdate("UPDATE activity_checkins SET checked_in_at = :t WHERE id = :id")
                .bind("t", server.clock().instant().minus(Duration.ofMinutes(100)))
                .bind("id", Long.parseLong(checkin))
                .execute());
    api(in.login().token())
        .body(Map.of("code", checkinCode(da, id)))
        .post("/api/v1/activity-checkins/{id}/checkout", checkin)
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("hours", equalTo(1.5f)); // 1 h 40 min
    api(in.login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .body("years.byKind.flatten().find { it.kind == 'ACTIVITY' }.hours", equalTo(1.5f));
    api(in.login().token())
        .get("/api/v1/volunteers/me/activity-checkins")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(checkin))
        .body("items[0].hours", equalTo(1.5f));
    raw(stranger.login().token())
        .get("/api/v1/activities/{id}/checkin-code", id)
        .then()
        .statusCode(403);
  }

  @Test
  void confirmed_volunteers_are_reminded_once_the_day_before() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Map<String, Object> tomorrow = activity(5, false, List.of());
    Instant starts = cn.yuhao.care.checklist.CarePeriods.day(server.clock().instant())
        .plusDays(1)
        .atTime(10, 0)
        .atZone(cn.yuhao.care.checklist.CarePeriods.CHONGQING)
        .toInstant();
    tomorrow.put("startsAt", starts.toString());
    tomorrow.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
    String id = create(da, tomorrow);
    Volunteer v = volunteer(da, "TEACHER");
    assertThat(signUp(v, id)).isEqualTo("CONFIRMED");
    var jobs = server.app().services().scheduler();
    jobs.runOnce();
    jobs.runOnce();
    Integer queued = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM notifications WHERE template = 'ACTIVITY_REMINDER' AND dedupe_key = :k")
            .bind("k", "activity:" + id + ":" + v.login().userId())
            .mapTo(Integer.class)
            .one());
    assertThat(queued).isEqualTo(1);
  }

  @Test
  void children_who_took_part_are_recorded_once_and_shown_on_their_pairings() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String id = create(da, activity(10, false, List.of()));
    var paired = fixtures.pairing(da, DISTRICT, Map.of());
    String other = fixtures.child(da, DISTRICT, null, null, Map.of());
    String elsewhere = fixtures.child(fixtures.districtAdmin(OTHER), OTHER, null, null, Map.of());
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("childIds", List.of(paired.childId(), elsewhere, "abc")))
        .post("/api/v1/admin/activities/{id}/children", id)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("childIds[1]"))
        .body("fields.field", hasItem("childIds[2]"));
    api(da.token())
        .body(Map.of("childIds", List.of(paired.childId(), other)))
        .post("/api/v1/admin/activities/{id}/children", id)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(2));
    api(da.token())
        .body(Map.of("childIds", List.of(paired.childId())))
        .post("/api/v1/admin/activities/{id}/children", id)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(0))
        .body("already", equalTo(1));
    api(da.token())
        .get("/api/v1/admin/activities/{id}/children", id)
        .then()
        .statusCode(200)
        .body("items.childId", hasItem(other));
    // Her 爱心妈妈 sees it on the pairing; another volunteer does not find the pairing.
    api(paired.volunteer().login().token())
        .get("/api/v1/pairings/{id}/activities", paired.pairingId())
        .then()
        .statusCode(200)
        .body("items[0].activityId", equalTo(id))
        .body("items[0].kindLabel", equalTo("心理团辅"));
    raw(volunteer(da, "TEACHER").login().token())
        .get("/api/v1/pairings/{id}/activities", paired.pairingId())
        .then()
        .statusCode(404);
    raw(fixtures.districtAdmin(OTHER).token())
        .get("/api/v1/pairings/{id}/activities", paired.pairingId())
        .then()
        .statusCode(404);
  }

  @Test
  void checking_out_of_a_training_activity_completes_its_course() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String course = api(da.token())
        .body(Map.of(
            "districtCode", DISTRICT, "title", "爱心妈妈岗前培训", "kind", "PRE_SERVICE", "hours", 2))
        .post("/api/v1/admin/courses")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    Map<String, Object> training = activity(5, false, List.of());
    Instant starts = server.clock().instant().plus(Duration.ofMinutes(10));
    training.put("kind", "TRAINING");
    training.put("startsAt", starts.toString());
    training.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
    for (Object bad : List.of("123", "abc")) {
      Map<String, Object> body = new java.util.HashMap<>(training);
      body.put("courseId", bad);
      raw(da.token())
          .contentType("application/json")
          .body(body)
          .post("/api/v1/admin/activities")
          .then()
          .statusCode(422)
          .body("fields.field", hasItem("courseId"));
    }
    Map<String, Object> notTraining = activity(5, false, List.of());
    notTraining.put("courseId", course);
    raw(da.token())
        .contentType("application/json")
        .body(notTraining)
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("courseId"));
    training.put("courseId", course);
    String id = create(da, training);
    Volunteer v = volunteer(da, "TEACHER");
    signUp(v, id);
    String checkin = api(v.login().token())
        .body(Map.of("code", checkinCode(da, id)))
        .post("/api/v1/activity-checkins")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(v.login().token())
        .body(Map.of("code", checkinCode(da, id)))
        .post("/api/v1/activity-checkins/{id}/checkout", checkin)
        .then()
        .statusCode(200);
    api(v.login().token())
        .get("/api/v1/volunteers/me/training")
        .then()
        .statusCode(200)
        .body("items.courseId", hasItem(course));
  }
}
