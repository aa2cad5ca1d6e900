package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.CounterRebuild;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.region.RegionDao;
import cn.yuhao.care.user.GrantRequest;
import cn.yuhao.care.volunteer.TeamService;
import cn.yuhao.care.volunteer.VolunteerService;
import cn.yuhao.care.volunteer.VolunteerView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, idempotent data set so a newcomer sees the product working: 沙坪坝区 with five streets and one
 * user per admin role, an admitted volunteer leading a team and a pending applicant, each logging in through
 * the simulator with the code after "dev_"; a second admitted volunteer (doctor) and four children (one
 * paired, the others waiting for the reasons the queue shows). Later features add their own rows (a troupe, a
 * merchant).
 */
public final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  public static final String DISTRICT = "500106";
  static final List<String> STREETS = List.of("小龙坎街道", "沙坪坝街道", "磁器口街道", "渝碧路街道", "井口街道");

  private DemoData() {}

  public static void load(App.Services s, Clock clock) {
    Instant now = clock.instant();
    s.jdbi().useTransaction(h -> {
      RegionDao regions = new RegionDao(h);
      for (String street : STREETS) {
        if (regions.countStreet(DISTRICT, street) == 0) {
          regions.insertStreet(Ids.next(), DISTRICT, street, now);
        }
      }
      grant(s, h, "dev_admin", Role.CITY_ADMIN, null, null, now);
      grant(s, h, "dev_district_admin", Role.DISTRICT_ADMIN, DISTRICT, null, now);
      grant(s, h, "dev_supervisor", Role.STREET_SUPERVISOR, DISTRICT, STREETS.get(0), now);
      grant(s, h, "dev_coach", Role.COACH, DISTRICT, null, now);
      s.users().ensureUser(h, "dev_volunteer", now);
      s.users().ensureUser(h, "dev_applicant", now);
      s.users().ensureUser(h, "dev_doctor", now);
      s.users().ensureUser(h, "dev_evaluator", now);
    });
    // A third-party evaluator of the district for the next 90 days, granted as the city would
    // (renewed on restart).
    s.users()
        .grant(
            caller(s, "dev_admin"),
            s.users().userIdOf("dev_evaluator"),
            new GrantRequest(
                "EVALUATOR",
                DISTRICT,
                null,
                null,
                null,
                CarePeriods.day(now).plusDays(90).toString()));
    volunteers(s, now);
    DemoChildren.load(s, clock);
    DemoCare.load(s, clock);
    DemoCaseWork.load(s, clock);
    DemoTroupes.load(s, clock);
    DemoPoints.load(s, clock);
    DemoSurveys.load(s, clock);
    DemoServiceLife.load(s, clock);
    // The demo back-dates sessions and pairings with plain UPDATEs, around the services: recounted
    // like a bulk load.
    s.jdbi().useTransaction(h -> new CounterRebuild(s.carePeriods()).rebuild(h));
    log.info(
        "demo data ready: 沙坪坝区 ({} streets, 10 children, 1 pairing with six weeks of care records, "
            + "1 open harm report, a 欢唱团 and a 欢跑团 with sessions, attendance and assessments, 2 merchants with "
            + "3 offers, 王芳 with points, 3 surveys with the singing troupe's children's answers, "
            + "a course, 2 activities, a pending hour claim, 2 visits' hours); log in with code admin, district_admin, supervisor, coach, merchant (staff), "
            + "evaluator (third-party, read-only), volunteer (admitted, paired), doctor (admitted) or applicant (pending)",
        STREETS.size());
  }

  /** One admitted volunteer leading a team, and one applicant waiting for review, made through the services. */
  private static void volunteers(App.Services s, Instant now) {
    Caller volunteer = caller(s, "dev_volunteer");
    Caller applicant = caller(s, "dev_applicant");
    Caller districtAdmin = caller(s, "dev_district_admin");
    if (hasApplication(s, volunteer)) {
      return; // loaded before
    }
    VolunteerView admitted = s.volunteers()
        .apply(
            volunteer,
            new VolunteerService.Application(
                "王芳",
                "13800000001",
                DISTRICT,
                STREETS.get(0),
                new VolunteerView.Location(29.5603, 106.4565),
                List.of("TEACHER", "FAMILY_EDUCATION_EXPERT"),
                2,
                "周末下午",
                true,
                VolunteerService.PLEDGE_VERSION));
    s.volunteers()
        .admit(
            districtAdmin,
            Long.parseLong(admitted.id()),
            new VolunteerService.Admission(
                new VolunteerView.BackgroundCheck(
                    "沙坪坝区公安分局（演示）", now.minus(1, ChronoUnit.DAYS), "CLEAR"),
                "演示数据：材料齐全，面谈通过"));
    s.volunteers()
        .apply(
            applicant,
            new VolunteerService.Application(
                "刘敏",
                "13800000002",
                DISTRICT,
                STREETS.get(2),
                new VolunteerView.Location(29.5790, 106.4510),
                List.of("PSYCHOLOGIST"),
                1,
                null,
                true,
                VolunteerService.PLEDGE_VERSION));
    TeamService.Team team = s.teams()
        .create(
            districtAdmin,
            new TeamService.TeamRequest("小龙坎爱心妈妈工作室", DISTRICT, STREETS.get(0), "演示团队：以家庭教育指导为特色"));
    s.teams()
        .addMember(
            districtAdmin,
            Long.parseLong(team.id()),
            new TeamService.MemberRequest(admitted.id(), "LEADER"));
  }

  static boolean hasApplication(App.Services s, Caller c) {
    try {
      s.volunteers().mine(c);
      return true;
    } catch (AppException e) {
      return false;
    }
  }

  static Caller caller(App.Services s, String openid) {
    long userId = s.users().userIdOf(openid);
    return new Caller(userId, 0, s.users().grantsOf(userId), "demo");
  }

  private static void grant(
      App.Services s,
      org.jdbi.v3.core.Handle h,
      String openid,
      Role role,
      String district,
      String street,
      Instant now) {
    s.users()
        .ensureGrant(h, s.users().ensureUser(h, openid, now).id(), role, district, street, now);
  }
}
