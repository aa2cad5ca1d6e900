package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CareRecords;
import cn.yuhao.care.checklist.Plans;
import cn.yuhao.care.concern.AgencyReplies;
import cn.yuhao.care.concern.ConcernService;
import cn.yuhao.care.concern.ReferralService;
import cn.yuhao.care.http.Idempotency;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * 李小明's file made whole: a visit with a photo, an approved plan (一策), and a report referred to two agencies
 * that both answered through their one-time links, resolved and closed. Skipped when his plan is already there.
 */
final class DemoCaseWork {
  private DemoCaseWork() {}

  static void load(App.Services s, Clock clock) {
    App.CaseWork cw = s.caseWork();
    Caller wang = DemoData.caller(s, "dev_volunteer");
    Caller districtAdmin = DemoData.caller(s, "dev_district_admin");
    long pairing = Long.parseLong(s.myPairings().mine(wang).get(0).id());
    long child = s.jdbi().withHandle(h -> new DemoDao(h).childOf(pairing));
    if (s.jdbi().withHandle(h -> new DemoDao(h).plans(child)) > 0) {
      return;
    }
    Instant now = clock.instant();
    String photo = cw.files().upload(wang, "CARE_RECORD", drawing()).id();
    s.care()
        .create(
            wang,
            pairing,
            new CareRecords.RecordInput(
                "FREE_VISIT",
                now.minus(2, ChronoUnit.DAYS),
                "HOME_VISIT",
                "上门看望，小明把他画的全家福送给了我，说想爸爸了。",
                false,
                null,
                List.of(photo)),
            new Idempotency.Request("demo-photo-" + pairing, "demo"));
    closedReport(s, cw, wang, districtAdmin, child, clock);
    plan(cw, wang, districtAdmin, pairing, now); // last: the plan is what marks this part loaded
  }

  private static void plan(App.CaseWork cw, Caller wang, Caller admin, long pairing, Instant now) {
    LocalDate today = now.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
    Plans.Plan p = cw.plans()
        .write(
            wang,
            pairing,
            new Plans.PlanInput(
                List.of("数学基础薄弱", "父亲外出务工后想念父亲"),
                List.of(new Plans.Goal("期末数学达到及格"), new Plans.Goal("每周与爸爸视频一次")),
                List.of(
                    new Plans.Action(0, "每周两次作业辅导", "爱心妈妈王芳", today.plusDays(40)),
                    new Plans.Action(1, "约定每周日晚视频，提醒爷爷帮忙接通", "爱心妈妈王芳", today.plusDays(7))),
                today.plusDays(90)));
    cw.plans().submit(wang, pairing);
    cw.plans().approve(admin, Long.parseLong(p.id()));
  }

  private static void closedReport(
      App.Services s, App.CaseWork cw, Caller wang, Caller admin, long child, Clock clock) {
    Instant now = clock.instant();
    long report = Long.parseLong(s.concerns()
        .report(
            wang,
            new ConcernService.ReportInput(
                Long.toString(child),
                "NEGLECT",
                "NORMAL",
                "爷爷住院一周，小明晚上独自在家，邻居偶尔送饭。",
                now.minus(3, ChronoUnit.DAYS),
                null),
            null)
        .value()
        .id());
    cw.concernHandling().acknowledge(admin, report, new ConcernService.NoteInput("已电话联系村委会"));
    refer(cw, admin, report, "CIVIL_AFFAIRS", "镇民政办（儿童督导员）", "已安排邻居夜间照看，爷爷出院前每天探视。", clock);
    refer(cw, admin, report, "EDUCATION", "小明就读的村小", "班主任每天放学后确认小明到家。", clock);
    cw.concernHandling()
        .resolve(admin, report, new ConcernService.ResolveInput("民政安排夜间照看，学校每日确认到家；爷爷已出院。", null));
    cw.concernHandling().close(admin, report, new ConcernService.NoteInput("回访确认孩子安全"));
  }

  /** A referral, answered by the agency through its one-time link: received, then the outcome. */
  private static void refer(
      App.CaseWork cw,
      Caller admin,
      long report,
      String agency,
      String unit,
      String outcome,
      Clock clock) {
    var concern = cw.referrals()
        .refer(
            admin,
            report,
            new ConcernService.ReferInput(agency, unit, null, null, clock.instant(), null));
    String referral = concern.referrals().stream()
        .filter(r -> r.unit().equals(unit))
        .findFirst()
        .orElseThrow()
        .id();
    ReferralService.LinkIssued link = cw.referrals().issueLink(admin, Long.parseLong(referral));
    String session = cw.agencies().open(link.scene()).session();
    cw.agencies().answer(session, new AgencyReplies.FeedbackInput("RECEIVED", null));
    cw.agencies().answer(session, new AgencyReplies.FeedbackInput("OUTCOME", outcome));
  }

  /** A child's drawing of her family, as a phone would photograph it. */
  private static byte[] drawing() {
    BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0xFFF8E7));
    g.fillRect(0, 0, 640, 480);
    g.setColor(new Color(0xE8A33D));
    g.fillOval(500, 40, 90, 90);
    g.setColor(new Color(0x3A7CA5));
    for (int i = 0; i < 3; i++) {
      g.fillOval(150 + i * 130, 200, 60, 60);
      g.fillRect(165 + i * 130, 260, 30, 110);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "jpeg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
