package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CareRecords;
import cn.yuhao.care.concern.ConcernService;
import cn.yuhao.care.http.Idempotency;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The demo's six weeks of 6+1 care and one open harm report. */
final class DemoCare {
  private DemoCare() {}

  /** A care record of the demo: what, how many days ago, how, and what happened. */
  private record Visit(String kind, int daysAgo, String way, String summary) {}

  /** Weekly contacts with one week missed, a talk with the guardian, a book read together, guidance. */
  private static final List<Visit> VISITS = List.of(
      new Visit("CONTACT_CHILD", 40, "HOME_VISIT", "第一次家访，认识了小明和爸爸，约好每周通电话。"),
      new Visit("CONTACT_CHILD", 33, "PHONE", "电话联系，小明说数学作业有点难，周末帮他讲了分数。"),
      new Visit("TALK_GUARDIAN", 30, "PHONE", "和在外打工的爸爸通话，交流了孩子的学习情况。"),
      new Visit("CONTACT_CHILD", 26, "VIDEO", "视频通话，小明给我看了他画的画。"),
      new Visit("READING", 20, "HOME_VISIT", "一起读完了《草房子》，小明很喜欢桑桑。"),
      new Visit("CONTACT_CHILD", 12, "AT_SCHOOL", "到学校看望，班主任说小明最近上课更专心了。"),
      new Visit("FAMILY_EDUCATION", 10, "PHONE", "和爷爷聊了如何陪孩子做作业、少批评多鼓励。"));

  /**
   * Six weeks of 王芳's care for 李小明 (the pairing and consent moved back in time for the demo): weekly
   * contacts with one week missed, a talk with the guardian, a book read together, family-education guidance;
   * and one open harm report (陈浩 missing school) waiting for the district admin. Skipped when already there.
   */
  static void load(App.Services s, Clock clock) {
    Caller wang = DemoData.caller(s, "dev_volunteer");
    Caller districtAdmin = DemoData.caller(s, "dev_district_admin");
    String pairing = s.myPairings().mine(wang).get(0).id();
    boolean loaded =
        s.jdbi().withHandle(h -> new DemoDao(h).careRecords(Long.parseLong(pairing))) > 0;
    if (loaded) {
      return;
    }
    Instant now = clock.instant();
    s.jdbi()
        .useTransaction(h -> new DemoDao(h)
            .backdatePairing(
                Long.parseLong(pairing),
                now.minus(42, ChronoUnit.DAYS),
                now.minus(45, ChronoUnit.DAYS)));
    for (Visit v : VISITS) {
      s.care()
          .create(
              wang,
              Long.parseLong(pairing),
              new CareRecords.RecordInput(
                  v.kind(),
                  now.minus(v.daysAgo(), ChronoUnit.DAYS),
                  v.way(),
                  v.summary(),
                  false,
                  null,
                  null),
              new Idempotency.Request("demo-" + pairing + "-" + v.daysAgo(), "demo"));
    }
    // As if each had been logged the day it happened: the demo's compliance shows on-time work.
    s.jdbi().useHandle(h -> new DemoDao(h).loggedWhenOccurred(Long.parseLong(pairing)));
    String hao = s.jdbi()
        .withHandle(h -> new DemoDao(h).childNamed("陈浩", DemoData.DISTRICT))
        .toString();
    s.concerns()
        .report(
            districtAdmin,
            new ConcernService.ReportInput(
                hao,
                "DROPOUT",
                "HIGH",
                "班主任反映陈浩已连续两周未到校，家中只有年迈的外婆，电话无人接听。",
                now.minus(1, ChronoUnit.DAYS),
                null),
            null);
  }
}
