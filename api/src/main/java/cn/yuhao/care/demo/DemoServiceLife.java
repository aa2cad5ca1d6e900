package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.activity.ActivityService;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.CareRecords;
import cn.yuhao.care.training.TrainingService;
import cn.yuhao.care.volunteer.HourClaimService;
import cn.yuhao.care.volunteer.ProfileService;
import cn.yuhao.care.volunteer.VisitHoursService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The demo's service life, each flow once: 王芳's tags and honour, a pre-service course she completed (the doctor
 * has not: the coverage shows her missing), two activities to sign up for (王芳 signed up for the birthday party),
 * the doctor's pending claim for a forgotten check-out, and the hours of 王芳's two in-person visits (one
 * confirmed by the district admin, one waiting for the guardian's scan). Skipped when already there.
 */
final class DemoServiceLife {
  static final String COURSE = "爱心妈妈岗前培训";

  private DemoServiceLife() {}

  static void load(App.Services s, Clock clock) {
    App.ServiceLife life = s.serviceLife();
    Caller admin = DemoData.caller(s, "dev_district_admin");
    if (life.training().courses(admin, Long.MAX_VALUE, 100).items().stream()
        .anyMatch(c -> COURSE.equals(c.title()))) {
      return;
    }
    Caller wang = DemoData.caller(s, "dev_volunteer");
    Caller doctor = DemoData.caller(s, "dev_doctor");
    long wangId = Long.parseLong(s.volunteers().mine(wang).id());
    LocalDate today = CarePeriods.day(clock.instant());
    profile(life, admin, wangId, today);
    training(life, admin, wangId, today);
    activities(life, admin, wang, today);
    hours(s, life, admin, wang, doctor, today);
  }

  private static void profile(App.ServiceLife life, Caller admin, long wangId, LocalDate today) {
    life.profiles()
        .setTags(
            admin,
            wangId,
            new ProfileService.TagsInput(List.of("PARTY_MEMBER", "WOMEN_VOLUNTEER")));
    life.profiles()
        .addHonour(
            admin, wangId, new ProfileService.HonourInput("最美爱心妈妈", today.getYear() - 1, "沙坪坝区妇联"));
  }

  private static void training(App.ServiceLife life, Caller admin, long wangId, LocalDate today) {
    String course = life.training()
        .create(
            admin,
            new TrainingService.CourseInput(
                DemoData.DISTRICT,
                COURSE,
                "PRE_SERVICE",
                new BigDecimal("4"),
                "https://example.cn/training.pdf"))
        .id();
    life.training()
        .complete(
            admin,
            Long.parseLong(course),
            new TrainingService.CompletionInput(
                List.of(Long.toString(wangId)), today.minusDays(50)));
  }

  private static void activities(App.ServiceLife life, Caller admin, Caller wang, LocalDate today) {
    Instant party = today
        .plusDays(3)
        .atTime(LocalTime.of(14, 0))
        .atZone(CarePeriods.CHONGQING)
        .toInstant();
    String birthday = life.activities()
        .create(
            admin,
            new ActivityService.ActivityInput(
                DemoData.DISTRICT,
                null,
                null,
                "BIRTHDAY",
                "十二月集体生日会",
                "小龙坎社区活动室",
                party,
                party.plus(Duration.ofHours(2)),
                10,
                false,
                List.of(),
                null))
        .id();
    Instant weekend = today
        .plusDays(5)
        .atTime(LocalTime.of(9, 30))
        .atZone(CarePeriods.CHONGQING)
        .toInstant();
    life.activities()
        .create(
            admin,
            new ActivityService.ActivityInput(
                DemoData.DISTRICT,
                null,
                null,
                "PSY_GROUP",
                "周末心理团辅",
                "沙坪坝区妇女儿童之家",
                weekend,
                weekend.plus(Duration.ofHours(2)),
                8,
                true,
                List.of("PSYCHOLOGIST", "TEACHER", "DOCTOR"),
                null));
    life.signups().signUp(wang, Long.parseLong(birthday));
  }

  private static void hours(
      App.Services s,
      App.ServiceLife life,
      Caller admin,
      Caller wang,
      Caller doctor,
      LocalDate today) {
    Instant clinic = today
        .minusDays(1)
        .atTime(LocalTime.of(14, 0))
        .atZone(CarePeriods.CHONGQING)
        .toInstant();
    life.hourClaims()
        .claim(
            doctor,
            new HourClaimService.ClaimInput(
                clinic, clinic.plus(Duration.ofMinutes(150)), "社区义诊，结束时忘记签退"));

    String pairing = s.myPairings().mine(wang).get(0).id();
    List<CareRecords.CareRecord> records =
        s.care().list(wang, Long.parseLong(pairing), Long.MAX_VALUE, 50).items();
    for (CareRecords.CareRecord r : records) {
      boolean reading = "READING".equals(r.kind()) && "HOME_VISIT".equals(r.way());
      boolean school = "AT_SCHOOL".equals(r.way());
      if (reading || school) {
        long id = Long.parseLong(r.id());
        life.visitHours().request(wang, id, new VisitHoursService.HoursInput(reading ? 90 : 60));
        if (reading) {
          life.visitHours().confirmBySupervisor(admin, id);
        }
      }
    }
  }
}
