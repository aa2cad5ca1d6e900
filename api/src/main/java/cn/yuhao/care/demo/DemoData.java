package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.checklist.CareService;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.child.IdNumbers;
import cn.yuhao.care.concern.ConcernService;
import cn.yuhao.care.dashboard.CounterRebuild;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.merchant.MerchantService;
import cn.yuhao.care.merchant.OfferService;
import cn.yuhao.care.pairing.PairingService;
import cn.yuhao.care.points.AdjustmentService;
import cn.yuhao.care.region.RegionDao;
import cn.yuhao.care.troupe.AssessmentService;
import cn.yuhao.care.troupe.RosterService;
import cn.yuhao.care.troupe.SessionService;
import cn.yuhao.care.troupe.TroupeService;
import cn.yuhao.care.volunteer.TeamService;
import cn.yuhao.care.volunteer.VolunteerService;
import cn.yuhao.care.volunteer.VolunteerView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
    });
    volunteers(s, now);
    children(s, clock);
    care(s, clock);
    troupes(s, clock);
    points(s, clock);
    // The demo back-dates sessions and pairings with plain UPDATEs, around the services: recounted
    // like a bulk load.
    s.jdbi().useTransaction(h -> new CounterRebuild(s.carePeriods()).rebuild(h));
    log.info(
        "demo data ready: 沙坪坝区 ({} streets, 10 children, 1 pairing with six weeks of care records, "
            + "1 open harm report, a 欢唱团 and a 欢跑团 with sessions, attendance and assessments, 2 merchants with "
            + "3 offers, 王芳 with points); log in with code admin, district_admin, supervisor, coach, merchant (staff), "
            + "volunteer (admitted, paired), doctor (admitted) or applicant (pending)",
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
            admitted.id(),
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
            districtAdmin, team.id(), new TeamService.MemberRequest(admitted.id(), "LEADER"));
  }

  /**
   * Four children of the ledger: one paired with 王芳 (dev_volunteer), one consented and waiting (she sees it,
   * anonymised, among her suggestions), one high-risk waiting for a case team, one whose guardian has not
   * consented yet. Made through the services, so every rule applies; skipped when already there.
   */
  private static void children(App.Services s, Clock clock) {
    Caller districtAdmin = caller(s, "dev_district_admin");
    Caller doctor = caller(s, "dev_doctor");
    if (hasApplication(s, doctor)) {
      return; // loaded before
    }
    VolunteerView chen = s.volunteers()
        .apply(
            doctor,
            new VolunteerService.Application(
                "陈静",
                "13800000003",
                DISTRICT,
                STREETS.get(1),
                new VolunteerView.Location(29.5580, 106.4600),
                List.of("DOCTOR", "PSYCHOLOGIST"),
                2,
                "工作日晚上",
                true,
                VolunteerService.PLEDGE_VERSION));
    s.volunteers()
        .admit(
            districtAdmin,
            chen.id(),
            new VolunteerService.Admission(
                new VolunteerView.BackgroundCheck(
                    "沙坪坝区公安分局（演示）", clock.instant().minus(1, ChronoUnit.DAYS), "CLEAR"),
                "演示数据：医生志愿者"));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    String wang = s.volunteers().mine(caller(s, "dev_volunteer")).id();
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

  /**
   * Six weeks of 王芳's care for 李小明 (the pairing and consent moved back in time for the demo): weekly
   * contacts with one week missed, a talk with the guardian, a book read together, family-education guidance;
   * and one open harm report (陈浩 missing school) waiting for the district admin. Skipped when already there.
   */
  private static void care(App.Services s, Clock clock) {
    Caller wang = caller(s, "dev_volunteer");
    Caller districtAdmin = caller(s, "dev_district_admin");
    String pairing = s.pairings().mine(wang).get(0).id();
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
    record(
        s,
        wang,
        pairing,
        "CONTACT_CHILD",
        now.minus(40, ChronoUnit.DAYS),
        "HOME_VISIT",
        "第一次家访，认识了小明和爸爸，约好每周通电话。");
    record(
        s,
        wang,
        pairing,
        "CONTACT_CHILD",
        now.minus(33, ChronoUnit.DAYS),
        "PHONE",
        "电话联系，小明说数学作业有点难，周末帮他讲了分数。");
    record(
        s,
        wang,
        pairing,
        "TALK_GUARDIAN",
        now.minus(30, ChronoUnit.DAYS),
        "PHONE",
        "和在外打工的爸爸通话，交流了孩子的学习情况。");
    record(
        s,
        wang,
        pairing,
        "CONTACT_CHILD",
        now.minus(26, ChronoUnit.DAYS),
        "VIDEO",
        "视频通话，小明给我看了他画的画。");
    record(
        s,
        wang,
        pairing,
        "READING",
        now.minus(20, ChronoUnit.DAYS),
        "HOME_VISIT",
        "一起读完了《草房子》，小明很喜欢桑桑。");
    record(
        s,
        wang,
        pairing,
        "CONTACT_CHILD",
        now.minus(12, ChronoUnit.DAYS),
        "AT_SCHOOL",
        "到学校看望，班主任说小明最近上课更专心了。");
    record(
        s,
        wang,
        pairing,
        "FAMILY_EDUCATION",
        now.minus(10, ChronoUnit.DAYS),
        "PHONE",
        "和爷爷聊了如何陪孩子做作业、少批评多鼓励。");
    // As if each had been logged the day it happened: the demo's compliance shows on-time work.
    s.jdbi().useHandle(h -> new DemoDao(h).loggedWhenOccurred(Long.parseLong(pairing)));
    String hao =
        s.jdbi().withHandle(h -> new DemoDao(h).childNamed("陈浩", DISTRICT)).toString();
    s.concerns()
        .report(
            districtAdmin,
            new ConcernService.ReportInput(
                hao,
                "DROPOUT",
                "HIGH",
                "班主任反映陈浩已连续两周未到校，家中只有年迈的外婆，电话无人接听。",
                now.minus(1, ChronoUnit.DAYS)),
            null);
  }

  /**
   * One 欢唱团 and one 欢跑团 of 沙坪坝区, approved, coached by dev_coach (a district-wide coach), with six
   * children of grades 2–3; the singing troupe held four weekly trainings and a performance (moved back in time
   * for the demo) with attendance marked — one child missed the last three — and everyone's pre-assessment.
   */
  private static void troupes(App.Services s, Clock clock) {
    boolean loaded = s.jdbi().withHandle(h -> new DemoDao(h).troupes(DISTRICT)) > 0;
    if (loaded) {
      return;
    }
    Caller districtAdmin = caller(s, "dev_district_admin");
    Caller city = caller(s, "dev_admin");
    Caller coach = caller(s, "dev_coach");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    String singing = s.troupes()
        .apply(
            districtAdmin,
            new TroupeService.Application(
                "SINGING",
                DISTRICT,
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
                null))
        .id();
    String running = s.troupes()
        .apply(
            districtAdmin,
            new TroupeService.Application(
                "RUNNING",
                DISTRICT,
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
                null))
        .id();
    s.troupes().approve(city, singing);
    s.troupes().approve(city, running);
    List<String> kids = new java.util.ArrayList<>();
    String[] names = {"王小燕", "刘子涵", "黄一诺", "杨浩然", "吴欣怡", "周子轩"};
    // Born so that they start school (at 7, in September) in grades 2 and 3 this school year.
    int schoolYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
    for (int i = 0; i < names.length; i++) {
      String id = child(
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
      s.rosters().addMember(districtAdmin, singing, new RosterService.MemberInput(id, null));
      if (i < 3) {
        s.rosters().addMember(districtAdmin, running, new RosterService.MemberInput(id, null));
      }
    }
    Instant now = clock.instant();
    List<String> sessions = new java.util.ArrayList<>();
    s.sessions()
        .create(
            coach,
            singing,
            new SessionService.SessionInput(
                "TRAINING", "声乐训练", now.plus(1, ChronoUnit.HOURS), 2, "学校音乐教室", 4))
        .forEach(x -> sessions.add(x.id()));
    sessions.add(s.sessions()
        .create(
            coach,
            singing,
            new SessionService.SessionInput(
                "PERFORMANCE", "社区新年联欢演出", now.plus(2, ChronoUnit.HOURS), 3, "小龙坎社区广场", null))
        .get(0)
        .id());
    // Moved back so that they have been held: four weekly trainings from 23 days ago, the
    // performance 2 days ago.
    s.jdbi()
        .useHandle(
            h -> new DemoDao(h).backdateTroupes(Long.parseLong(singing), Long.parseLong(running)));
    for (int k = 0; k < sessions.size(); k++) {
      for (int i = 0; i < kids.size(); i++) {
        boolean missing = i == kids.size() - 1 && k >= 2; // 周子轩 missed the last three
        s.sessions()
            .mark(
                coach,
                sessions.get(k),
                kids.get(i),
                new SessionService.Mark(missing ? "ABSENT" : "PRESENT", null));
      }
    }
    for (int i = 0; i < kids.size(); i++) {
      int base = 2 + i % 2;
      s.assessments()
          .record(
              coach,
              singing,
              new AssessmentService.AssessmentInput(
                  kids.get(i),
                  "PRE",
                  today.minusDays(25),
                  "WELLBEING_5",
                  java.util.Map.of(
                      "HAPPY", base, "CONFIDENT", base, "FRIENDS", 3, "EXPRESS", 2, "BELONG", 3)));
    }
  }

  private static void record(
      App.Services s,
      Caller volunteer,
      String pairing,
      String kind,
      Instant at,
      String way,
      String summary) {
    s.care()
        .create(
            volunteer,
            pairing,
            new CareService.RecordInput(kind, at, way, summary, false, null),
            new Idempotency.Request("demo-" + pairing + "-" + at.toEpochMilli(), "demo"));
  }

  private static String child(
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
    String idNumber = IdNumbers.complete(DISTRICT + birth.toString().replace("-", "") + sequence);
    return s.children()
        .create(
            admin,
            new ChildService.ChildInput(
                name,
                gender,
                birth,
                idNumber,
                DISTRICT,
                STREETS.get(street),
                category,
                needs,
                careLevel,
                risks,
                "沙坪坝区实验小学",
                birth.getYear() + 7,
                "重庆市沙坪坝区" + STREETS.get(street) + "演示路 " + sequence + " 号",
                new ChildService.Location(lat, lng),
                List.of(new ChildService.GuardianInput(guardian, relation, phone)),
                null))
        .id();
  }

  private static void consent(
      App.Services s, Caller admin, String childId, String guardian, String relation, Clock clock) {
    s.consents()
        .record(
            admin,
            childId,
            new ConsentService.ConsentInput(
                guardian,
                relation,
                "PAPER_SCANNED",
                clock.instant().minus(2, ChronoUnit.DAYS),
                "结对关爱及必要信息共享",
                "2026-11"));
  }

  /** Two partner merchants with offers, a cashier (dev_merchant), and points for 王芳 to redeem. */
  private static void points(App.Services s, Clock clock) {
    boolean loaded = s.jdbi().withHandle(h -> new DemoDao(h).merchants(DISTRICT)) > 0;
    if (loaded) {
      return;
    }
    Caller city = caller(s, "dev_admin");
    Instant now = clock.instant();
    var mahua = s.merchants()
        .create(
            city,
            new MerchantService.MerchantInput(
                "磁器口陈麻花",
                "FOOD",
                DISTRICT,
                "重庆市沙坪坝区磁器口正街 12 号",
                new java.math.BigDecimal("29.5790"),
                new java.math.BigDecimal("106.4490"),
                "陈经理",
                "13900000031",
                null));
    var museum = s.merchants()
        .create(
            city,
            new MerchantService.MerchantInput(
                "沙坪坝区文化馆",
                "CULTURE_TOURISM",
                DISTRICT,
                "重庆市沙坪坝区天陈路 2 号",
                new java.math.BigDecimal("29.5560"),
                new java.math.BigDecimal("106.4580"),
                "李老师",
                "13900000032",
                null));
    Instant until = now.plus(90, ChronoUnit.DAYS);
    s.offers()
        .create(
            city,
            mahua.id(),
            new OfferService.OfferInput(
                "原味麻花一袋",
                "凭兑换码到店领取原味麻花一袋（200 克）",
                50,
                200,
                1,
                "MONTH",
                now.minus(1, ChronoUnit.DAYS),
                until,
                0,
                null));
    s.offers()
        .create(
            city,
            mahua.id(),
            new OfferService.OfferInput(
                "麻花礼盒",
                "凭兑换码到店领取麻花礼盒一份",
                300,
                20,
                1,
                "OFFER",
                now.minus(1, ChronoUnit.DAYS),
                until,
                2,
                null));
    s.offers()
        .create(
            city,
            museum.id(),
            new OfferService.OfferInput(
                "非遗剪纸体验课",
                "周末非遗剪纸体验课一次（亲子两人）",
                80,
                30,
                2,
                "MONTH",
                now.minus(1, ChronoUnit.DAYS),
                until,
                0,
                null));
    s.jdbi().useTransaction(h -> {
      long cashier = s.users().ensureUser(h, "dev_merchant", now).id();
      long merchantId = Long.parseLong(mahua.id());
      String key = RoleGrant.scopeKey(null, null, null, merchantId);
      GrantDao grants = new GrantDao(h);
      if (grants.find(cashier, Role.MERCHANT_STAFF.name(), key).isEmpty()) {
        grants.insert(
            Ids.next(),
            cashier,
            Role.MERCHANT_STAFF.name(),
            null,
            null,
            null,
            merchantId,
            key,
            null,
            now);
      }
    });
    Caller wang = caller(s, "dev_volunteer");
    s.adjustments()
        .request(
            city,
            new AdjustmentService.AdjustInput(
                Long.toString(wang.userId()), 200L, "2026 年六一关爱活动志愿服务（纸质签到补录）"));
    s.points().runJobs();
  }

  private static boolean hasApplication(App.Services s, Caller c) {
    try {
      s.volunteers().mine(c);
      return true;
    } catch (AppException e) {
      return false;
    }
  }

  private static Caller caller(App.Services s, String openid) {
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
