package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.child.IdNumbers;
import cn.yuhao.care.pairing.PairingService;
import cn.yuhao.care.volunteer.VolunteerService;
import cn.yuhao.care.volunteer.VolunteerView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The demo's children, made through the services (every rule applies): their consents, one pairing. */
final class DemoChildren {
  private DemoChildren() {}

  /**
   * Four children of the ledger: one paired with 王芳 (dev_volunteer), one consented and waiting (she sees it,
   * anonymised, among her suggestions), one high-risk waiting for a case team, one whose guardian has not
   * consented yet. Made through the services, so every rule applies; skipped when already there.
   */
  static void load(App.Services s, Clock clock) {
    Caller districtAdmin = DemoData.caller(s, "dev_district_admin");
    Caller doctor = DemoData.caller(s, "dev_doctor");
    if (DemoData.hasApplication(s, doctor)) {
      return; // loaded before
    }
    admitDoctor(s, clock, districtAdmin, doctor);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    pairWithWang(s, clock, districtAdmin, today);
    String xiaoyu = child(
        s,
        districtAdmin,
        "张小雨",
        "FEMALE",
        today.minusYears(10).minusDays(100),
        "002",
        "MIGRANT",
        List.of("PSYCHOLOGICAL"),
        "ONE_TO_ONE",
        List.of(),
        1,
        29.5650,
        106.4520,
        "张桂兰",
        "GRANDPARENT",
        "13500000012");
    consent(s, districtAdmin, xiaoyu, "张桂兰", "GRANDPARENT", clock);
    String hao = child(
        s,
        districtAdmin,
        "陈浩",
        "MALE",
        today.minusYears(13).minusDays(7),
        "003",
        "UNSUPPORTED",
        List.of("PSYCHOLOGICAL", "LEGAL_AWARENESS"),
        "CASE_TEAM",
        List.of("HIGH_RISK", "DROPOUT_RISK"),
        2,
        29.5800,
        106.4490,
        "陈建国",
        "RELATIVE",
        "13500000013");
    consent(s, districtAdmin, hao, "陈建国", "RELATIVE", clock);
    child(
        s,
        districtAdmin,
        "赵小花",
        "FEMALE",
        today.minusYears(8).minusDays(200),
        "004",
        "LEFT_BEHIND",
        List.of("LIVING_DIFFICULTY"),
        "ONE_TO_ONE",
        List.of(),
        3,
        29.5520,
        106.4610,
        "赵丽",
        "MOTHER",
        "13500000014");
  }

  /** 陈静, a doctor, admitted: she can join a case team. */
  private static void admitDoctor(
      App.Services s, Clock clock, Caller districtAdmin, Caller doctor) {
    VolunteerView chen = s.volunteers()
        .apply(
            doctor,
            new VolunteerService.Application(
                "陈静",
                "13800000003",
                DemoData.DISTRICT,
                DemoData.STREETS.get(1),
                new VolunteerView.Location(29.5580, 106.4600),
                List.of("DOCTOR", "PSYCHOLOGIST"),
                2,
                "工作日晚上",
                true,
                VolunteerService.PLEDGE_VERSION));
    s.volunteers()
        .admit(
            districtAdmin,
            Long.parseLong(chen.id()),
            new VolunteerService.Admission(
                new VolunteerView.BackgroundCheck(
                    "沙坪坝区公安分局（演示）", clock.instant().minus(1, ChronoUnit.DAYS), "CLEAR"),
                "演示数据：医生志愿者"));
  }

  /** 李小明, consented, paired one-to-one with 王芳 (dev_volunteer). */
  private static void pairWithWang(
      App.Services s, Clock clock, Caller districtAdmin, LocalDate today) {
    String wang = s.volunteers().mine(DemoData.caller(s, "dev_volunteer")).id();
    String xiaoming = child(
        s,
        districtAdmin,
        "李小明",
        "MALE",
        today.minusYears(9).minusDays(40),
        "001",
        "LEFT_BEHIND",
        List.of("ACADEMIC_LAG", "LACK_OF_AFFECTION"),
        "ONE_TO_ONE",
        List.of(),
        0,
        29.5610,
        106.4570,
        "李强",
        "FATHER",
        "13500000011");
    consent(s, districtAdmin, xiaoming, "李强", "FATHER", clock);
    s.pairings()
        .create(
            districtAdmin,
            new PairingService.PairingInput(
                xiaoming, wang, null, "ONE_TO_ONE", null, "演示数据：同街道、教师专长对应学业落后"));
  }

  static String child(
      App.Services s,
      Caller admin,
      String name,
      String gender,
      LocalDate birth,
      String sequence,
      String category,
      List<String> needs,
      String careLevel,
      List<String> risks,
      int street,
      double lat,
      double lng,
      String guardian,
      String relation,
      String phone) {
    String idNumber =
        IdNumbers.complete(DemoData.DISTRICT + birth.toString().replace("-", "") + sequence);
    return s.children()
        .create(
            admin,
            new ChildService.ChildInput(
                name,
                gender,
                birth,
                idNumber,
                DemoData.DISTRICT,
                DemoData.STREETS.get(street),
                category,
                needs,
                careLevel,
                risks,
                "沙坪坝区实验小学",
                birth.getYear() + 7,
                "重庆市沙坪坝区" + DemoData.STREETS.get(street) + "演示路 " + sequence + " 号",
                new ChildService.Location(lat, lng),
                List.of(new ChildService.GuardianInput(guardian, relation, phone)),
                null))
        .id();
  }

  static void consent(
      App.Services s, Caller admin, String childId, String guardian, String relation, Clock clock) {
    s.consents()
        .record(
            admin,
            Long.parseLong(childId),
            new ConsentService.ConsentInput(
                guardian,
                relation,
                "PAPER_SCANNED",
                clock.instant().minus(2, ChronoUnit.DAYS),
                "结对关爱及必要信息共享",
                "2026-11",
                null));
  }
}
