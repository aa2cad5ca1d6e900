package cn.yuhao.care.notify;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import cn.yuhao.care.wechat.WeChatSimulator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Subscribe-message grants, the weekly reminders (default: Fridays from 19:00, quiet 21:00–08:00) and the
 * outbox, against the simulator. Each test first moves the shared clock to the next Friday evening.
 */
class ReminderApiTest extends ApiTest {
  private static final String D_500238 = Districts.claim(ReminderApiTest.class, "500238");
  private static final String WUXI = D_500238;

  private static void goToNextFriday(int hour, int minute) {
    Instant now = server.clock().instant();
    ZonedDateTime target = now.atZone(ZoneId.of("Asia/Shanghai"))
        .with(TemporalAdjusters.next(DayOfWeek.FRIDAY))
        .withHour(hour)
        .withMinute(minute)
        .withSecond(0);
    server.clock().advance(Duration.between(now, target.toInstant()));
  }

  private static Paired owedPairing(String street) {
    Paired p = fixtures.pairing(WUXI, street == null ? Map.of() : Map.of("street", street));
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(8));
    return p;
  }

  private static void grant(Login l, String template, int times) {
    api(l.token())
        .body(Map.of("accepted", List.of(Map.of("template", template, "times", times))))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(200);
  }

  private static List<WeChatSimulator.SentMessage> sentTo(Login l) {
    return server.app().services().simulator().sentMessages().stream()
        .filter(m -> m.toUser().equals(l.openid()))
        .toList();
  }

  private static String status(String dedupeKey) {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT status FROM notifications WHERE dedupe_key = :k")
            .bind("k", dedupeKey)
            .mapTo(String.class)
            .one());
  }

  @Test
  void grants_are_counted_per_template_and_bad_reports_refused() {
    Login l = fixtures.login();
    api(l.token())
        .get("/api/v1/me/subscriptions")
        .then()
        .statusCode(200)
        .body(
            "items.template",
            equalTo(List.of(
                "CARE_WEEKLY",
                "CARE_OVERDUE",
                "CONCERN_ALERT",
                "CONCERN_CLOSED",
                "POINTS_EXPIRING",
                "ACTIVITY_REMINDER")))
        .body("items.remaining", equalTo(List.of(0, 0, 0, 0, 0, 0)))
        .body("items[0].templateId", equalTo("tmpl_care_weekly"));
    grant(l, "CARE_WEEKLY", 2);
    api(l.token())
        .body(Map.of(
            "accepted",
            List.of(
                Map.of("template", "CARE_WEEKLY", "times", 1),
                Map.of("template", "CONCERN_ALERT", "times", 1))))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(200)
        .body("items.remaining", equalTo(List.of(3, 0, 1, 0, 0, 0)));
    raw(l.token())
        .contentType("application/json")
        .body(Map.of("accepted", List.of(Map.of("template", "SPAM", "times", 0))))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(422)
        .body("fields.field", equalTo(List.of("accepted[0].template", "accepted[0].times")));
    raw(l.token())
        .contentType("application/json")
        .body(Map.of(
            "accepted",
            List.of(
                Map.of("template", "CARE_WEEKLY", "times", 1),
                Map.of("template", "CARE_WEEKLY", "times", 1))))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(422);
    raw(l.token())
        .contentType("application/json")
        .body(Map.of("accepted", List.of()))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(422);
    api(l.token())
        .get("/api/v1/me/subscriptions")
        .then()
        .body("items.remaining", equalTo(List.of(3, 0, 1, 0, 0, 0)));
    raw()
        .contentType("application/json")
        .body(Map.of("accepted", List.of()))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(401);
  }

  /**
   * Runs the jobs, then again until nothing due is left in the outbox: other tests' urgent alerts (sent first, a
   * hundred a run) may be queued ahead of the reminders.
   */
  private static Map<String, Integer> runJobsUntilSent() {
    Map<String, Integer> ran = server.app().services().scheduler().runOnce();
    for (int i = 0; i < 200 && dueInOutbox() > 0; i++) {
      server.app().services().scheduler().runOnce();
    }
    return ran;
  }

  private static long dueInOutbox() {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= :now")
            .bind("now", server.clock().instant())
            .mapTo(Long.class)
            .one());
  }

  @Test
  void volunteers_are_reminded_of_an_unlogged_weekly_contact_once_and_only_with_a_grant() {
    goToNextFriday(19, 30);
    String street = fixtures.street(WUXI);
    Paired noGrant = owedPairing(street);
    Paired granted = owedPairing(null);
    grant(granted.volunteer().login(), "CARE_WEEKLY", 1);
    Paired contacted = owedPairing(null);
    grant(contacted.volunteer().login(), "CARE_WEEKLY", 1);
    api(contacted.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind",
            "CONTACT_CHILD",
            "occurredAt",
            server.clock().instant().minusSeconds(3600).toString(),
            "way",
            "PHONE",
            "summary",
            "周五傍晚电话联系了孩子。"))
        .post("/api/v1/pairings/{id}/care-records", contacted.pairingId())
        .then()
        .statusCode(201);
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, WUXI, street);
    grant(supervisor, "CARE_OVERDUE", 1);

    Map<String, Integer> ran = runJobsUntilSent();
    assertTrue(ran.get("care-weekly-reminders") >= 2, ran.toString());

    List<WeChatSimulator.SentMessage> toGranted = sentTo(granted.volunteer().login());
    assertEquals(1, toGranted.size());
    WeChatSimulator.SentMessage m = toGranted.get(0);
    assertEquals("tmpl_care_weekly", m.templateId());
    assertEquals("测***", m.data().get("thing2")); // the child's name masked on the lock screen
    assertTrue(m.page().contains(granted.pairingId()));
    assertTrue(sentTo(noGrant.volunteer().login()).isEmpty());
    assertTrue(sentTo(contacted.volunteer().login()).isEmpty());
    String week = new cn.yuhao.care.checklist.CarePeriods(cn.yuhao.care.config.CareRules.DEFAULT)
        .of(
            cn.yuhao.care.checklist.CareItem.Cadence.WEEK,
            cn.yuhao.care.checklist.CarePeriods.day(server.clock().instant()))
        .key();
    assertEquals("NO_QUOTA", status("weekly:" + noGrant.pairingId() + ":" + week));
    api(granted.volunteer().login().token())
        .get("/api/v1/me/subscriptions")
        .then()
        .body("items.find { it.template == 'CARE_WEEKLY' }.remaining", equalTo(0));

    // The street supervisor hears of the overdue weekly contact (last week's) in her street.
    List<WeChatSimulator.SentMessage> toSupervisor = sentTo(supervisor);
    assertEquals(1, toSupervisor.size());
    assertTrue(Integer.parseInt(toSupervisor.get(0).data().get("number2")) >= 1);

    // Running again later the same evening sends nothing new.
    server.clock().advance(Duration.ofMinutes(20));
    grant(granted.volunteer().login(), "CARE_WEEKLY", 1);
    runJobsUntilSent();
    assertEquals(1, sentTo(granted.volunteer().login()).size());
  }

  @Test
  void a_failed_send_gives_the_grant_back_and_is_retried_outside_quiet_hours() {
    goToNextFriday(20, 50);
    Paired p = owedPairing(null);
    Login v = p.volunteer().login();
    grant(v, "CARE_WEEKLY", 1);
    server.app().services().simulator().failNextSends(v.openid(), 1);
    runJobsUntilSent();
    assertTrue(sentTo(v).isEmpty());
    String week = new cn.yuhao.care.checklist.CarePeriods(cn.yuhao.care.config.CareRules.DEFAULT)
        .of(
            cn.yuhao.care.checklist.CareItem.Cadence.WEEK,
            cn.yuhao.care.checklist.CarePeriods.day(server.clock().instant()))
        .key();
    String key = "weekly:" + p.pairingId() + ":" + week;
    assertEquals("PENDING", status(key));
    api(v.token())
        .get("/api/v1/me/subscriptions")
        .then()
        .body("items.find { it.template == 'CARE_WEEKLY' }.remaining", equalTo(1));

    server.clock().advance(Duration.ofMinutes(15)); // 21:05, quiet hours
    runJobsUntilSent();
    assertTrue(sentTo(v).isEmpty());
    assertEquals("PENDING", status(key));

    server.clock().advance(Duration.ofHours(11)); // Saturday 08:05
    Login again = fixtures.login(v.code());
    runJobsUntilSent();
    assertEquals(1, sentTo(v).size());
    assertEquals("SENT", status(key));
    api(again.token())
        .get("/api/v1/me/subscriptions")
        .then()
        .body("items.find { it.template == 'CARE_WEEKLY' }.remaining", equalTo(0));
  }

  @Test
  void a_job_runs_on_one_instance_at_a_time() {
    var jdbi = server.app().services().jdbi();
    JobLease a = new JobLease(jdbi, "instance-a", server.clock());
    JobLease b = new JobLease(jdbi, "instance-b", server.clock());
    String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
    assertTrue(a.acquire(job, Duration.ofMinutes(5)));
    assertFalse(b.acquire(job, Duration.ofMinutes(5)));
    assertTrue(a.acquire(job, Duration.ofMinutes(5)), "the holder may renew");
    a.release(job);
    assertTrue(b.acquire(job, Duration.ofMinutes(5)));
    // A holder that died loses the lease when it expires.
    server.clock().advance(Duration.ofMinutes(6));
    assertTrue(a.acquire(job, Duration.ofMinutes(5)));
  }

  @Test
  void template_values_are_cut_to_wechats_limits() {
    assertEquals("一二三四五六七八九十一二三四五六七八九…", Templates.thing("一二三四五六七八九十一二三四五六七八九十二十一"));
    assertEquals(20, Templates.thing("一二三四五六七八九十一二三四五六七八九十二十一").codePointCount(0, 20));
    assertEquals("紧急", Templates.phrase("紧急"));
    assertEquals("一二三四…", Templates.phrase("一二三四五六"));
    assertEquals("—", Templates.thing(" "));
    assertEquals("2026年11月22日 19:00", Templates.time(Instant.parse("2026-11-22T11:00:00Z")));
  }
}
