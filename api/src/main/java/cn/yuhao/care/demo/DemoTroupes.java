package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.troupe.AssessmentService;
import cn.yuhao.care.troupe.RosterService;
import cn.yuhao.care.troupe.SessionService;
import cn.yuhao.care.troupe.TroupeService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The demo's 欢唱团 and 欢跑团 with their roster, sessions, attendance and assessments. */
final class DemoTroupes {
  private DemoTroupes() {}

  /**
   * One 欢唱团 and one 欢跑团 of 沙坪坝区, approved, coached by dev_coach (a district-wide coach), with six
   * children of grades 2–3; the singing troupe held four weekly trainings and a performance (moved back in time
   * for the demo) with attendance marked — one child missed the last three — and everyone's pre-assessment.
   */
  static void load(App.Services s, Clock clock) {
    boolean loaded = s.jdbi().withHandle(h -> new DemoDao(h).troupes(DemoData.DISTRICT)) > 0;
    if (loaded) {
      return;
    }
    Caller districtAdmin = DemoData.caller(s, "dev_district_admin");
    Caller city = DemoData.caller(s, "dev_admin");
    Caller coach = DemoData.caller(s, "dev_coach");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    String singing = apply(s, districtAdmin, "SINGING");
    String running = apply(s, districtAdmin, "RUNNING");
    s.troupes().approve(city, Long.parseLong(singing));
    s.troupes().approve(city, Long.parseLong(running));
    List<String> kids = roster(s, districtAdmin, singing, running, today);
    List<String> sessions = sessions(s, coach, singing, running, clock.instant());
    for (int k = 0; k < sessions.size(); k++) {
      for (int i = 0; i < kids.size(); i++) {
        boolean missing = i == kids.size() - 1 && k >= 2; // 周子轩 missed the last three
        s.sessions()
            .mark(
                coach,
                Long.parseLong(sessions.get(k)),
                Long.parseLong(kids.get(i)),
                new SessionService.Mark(missing ? "ABSENT" : "PRESENT", null));
      }
    }
    for (int i = 0; i < kids.size(); i++) {
      int base = 2 + i % 2;
      s.assessments()
          .record(
              coach,
              Long.parseLong(singing),
              new AssessmentService.AssessmentInput(
                  kids.get(i),
                  "PRE",
                  today.minusDays(25),
                  "WELLBEING_5",
                  java.util.Map.of(
                      "HAPPY", base, "CONFIDENT", base, "FRIENDS", 3, "EXPRESS", 2, "BELONG", 3)));
    }
  }

  /** The district's application for a troupe of the kind, at a school (singing) or a community (running). */
  private static String apply(App.Services s, Caller districtAdmin, String kind) {
    TroupeService.Application application = "SINGING".equals(kind)
        ? new TroupeService.Application(
            "SINGING",
            DemoData.DISTRICT,
            "沙坪坝区实验小学",
            "SCHOOL",
            "重庆市沙坪坝区小龙坎正街 1 号",
            "刘老师",
            "13900000021",
            "周主任",
            "023-65000001",
            "以巴渝民歌和童声合唱为特色，每周两课时",
            "面向留守和流动儿童，用歌声陪伴成长，每年参加区级以上展演两次。",
            "同意推荐。",
            null)
        : new TroupeService.Application(
            "RUNNING",
            DemoData.DISTRICT,
            "小龙坎社区",
            "COMMUNITY",
            "重庆市沙坪坝区小龙坎社区活动中心",
            "陈教练",
            "13900000022",
            "周主任",
            "023-65000001",
            "晨跑与趣味田径，备战城市马拉松欢乐跑",
            "面向留守和流动儿童，通过跑步锻炼意志、结交朋友。",
            "同意推荐。",
            null);
    return s.troupes().apply(districtAdmin, application).id();
  }

  /** Six children of grades 2–3 in the singing troupe, the first three also running. */
  private static List<String> roster(
      App.Services s, Caller districtAdmin, String singing, String running, LocalDate today) {
    List<String> kids = new java.util.ArrayList<>();
    String[] names = {"王小燕", "刘子涵", "黄一诺", "杨浩然", "吴欣怡", "周子轩"};
    // Born so that they start school (at 7, in September) in grades 2 and 3 this school year.
    int schoolYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
    for (int i = 0; i < names.length; i++) {
      String id = DemoChildren.child(
          s,
          districtAdmin,
          names[i],
          i % 2 == 0 ? "FEMALE" : "MALE",
          LocalDate.of(schoolYear - 8 - i % 2, 3, 1 + i),
          String.format("%03d", 5 + i),
          "LEFT_BEHIND",
          List.of("LACK_OF_AFFECTION"),
          "GROUP",
          List.of(),
          i % 5,
          29.5600 + i * 0.001,
          106.4560,
          "家长" + (i + 1),
          "GRANDPARENT",
          String.format("135000001%02d", i));
      kids.add(id);
      s.rosters()
          .addMember(
              districtAdmin, Long.parseLong(singing), new RosterService.MemberInput(id, null));
      if (i < 3) {
        s.rosters()
            .addMember(
                districtAdmin, Long.parseLong(running), new RosterService.MemberInput(id, null));
      }
    }
    return kids;
  }

  /** Four weekly trainings and a performance, moved back in time so that they have been held. */
  private static List<String> sessions(
      App.Services s, Caller coach, String singing, String running, Instant now) {
    List<String> sessions = new java.util.ArrayList<>();
    s.sessions()
        .create(
            coach,
            Long.parseLong(singing),
            new SessionService.SessionInput(
                "TRAINING", "声乐训练", now.plus(1, ChronoUnit.HOURS), 2, "学校音乐教室", 4))
        .forEach(x -> sessions.add(x.id()));
    sessions.add(s.sessions()
        .create(
            coach,
            Long.parseLong(singing),
            new SessionService.SessionInput(
                "PERFORMANCE", "社区新年联欢演出", now.plus(2, ChronoUnit.HOURS), 3, "小龙坎社区广场", null))
        .get(0)
        .id());
    // Moved back so that they have been held: four weekly trainings from 23 days ago, the
    // performance 2 days ago.
    s.jdbi()
        .useHandle(
            h -> new DemoDao(h).backdateTroupes(Long.parseLong(singing), Long.parseLong(running)));
    return sessions;
  }
}
