package cn.yuhao.care.troupe;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.auth.Caller;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The annual self-check (12月10日 report) of a troupe: sessions by kind, class-hours against the plan,
 * attendance, pre/post assessment, and the events of the year (performances, races, public service, camps);
 * as JSON, or as an .xlsx with Chinese headers.
 */
public final class AnnualReportService {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
  private static final Map<String, String> KIND_LABELS = Map.of(
      "TRAINING",
      "训练",
      "PERFORMANCE",
      "演出",
      "RACE",
      "比赛",
      "PUBLIC_SERVICE",
      "公益服务",
      "CAMP",
      "冬夏令营");

  public record Event(
      LocalDate date, String kind, String title, String place, int classHours, int present) {}

  public record Report(
      String troupeId,
      String name,
      String kind,
      String districtCode,
      int year,
      Map<String, Integer> sessionsByKind,
      int sessionsCancelled,
      int classHoursDelivered,
      int classHoursTarget,
      int rosterSize,
      Double averageAttendanceRate,
      AssessmentService.Summary assessment,
      List<Event> events,
      List<ProgressService.ChildProgress> children) {}

  private final Jdbi jdbi;
  private final ProgressService progress;
  private final AssessmentService assessments;
  private final java.time.Clock clock;

  public AnnualReportService(
      Jdbi jdbi, ProgressService progress, AssessmentService assessments, java.time.Clock clock) {
    this.jdbi = jdbi;
    this.progress = progress;
    this.assessments = assessments;
    this.clock = clock;
  }

  public Report report(Caller admin, long troupeId, Integer year) {
    ProgressService.Progress p = progress.progress(admin, troupeId, year);
    Instant from = LocalDate.of(p.year(), 1, 1).atStartOfDay(CHONGQING).toInstant();
    Instant to = LocalDate.of(p.year() + 1, 1, 1).atStartOfDay(CHONGQING).toInstant();
    return jdbi.withHandle(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, troupeId);
      Map<String, Integer> byKind = new LinkedHashMap<>();
      for (String k : SessionService.KINDS.stream().sorted().toList()) {
        byKind.put(k, 0);
      }
      int[] cancelled = new int[1];
      List<Event> events = new ArrayList<>();
      for (ProgressDao.YearSession s :
          new ProgressDao(h).yearSessions(t.id(), from, to, clock.instant())) {
        if ("CANCELLED".equals(s.status())) {
          cancelled[0]++;
          continue;
        }
        byKind.merge(s.kind(), 1, Integer::sum);
        if (!"TRAINING".equals(s.kind())) {
          events.add(new Event(
              LocalDate.ofInstant(s.startsAt(), CHONGQING),
              s.kind(),
              s.title(),
              s.place(),
              s.classHours(),
              s.present()));
        }
      }
      Double avg = p.children().stream()
          .filter(c -> c.rate() != null)
          .mapToDouble(c -> c.rate())
          .average()
          .stream()
          .boxed()
          .findFirst()
          .map(v -> Math.round(v * 1000.0) / 1000.0)
          .orElse(null);
      return new Report(
          Long.toString(t.id()),
          t.name(),
          t.kind(),
          t.districtCode(),
          p.year(),
          byKind,
          cancelled[0],
          p.classHoursDelivered(),
          p.classHoursTarget(),
          p.children().size(),
          avg,
          assessments.summary(h, t, Instruments.ALL.get("WELLBEING_5")),
          events,
          p.children());
    });
  }

  public byte[] xlsx(Report r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var writer = FastExcel.write(out).build()) {
      List<List<Object>> overview = new ArrayList<>();
      overview.add(List.of("团队", r.name()));
      overview.add(List.of("类型", "SINGING".equals(r.kind()) ? "欢唱团" : "欢跑团"));
      overview.add(List.of("年度", r.year()));
      overview.add(List.of("已开展课时", r.classHoursDelivered()));
      overview.add(List.of("年度目标课时", r.classHoursTarget()));
      r.sessionsByKind().forEach((k, n) -> overview.add(List.of(KIND_LABELS.get(k) + "（次）", n)));
      overview.add(List.of("取消活动（次）", r.sessionsCancelled()));
      overview.add(List.of("团员人数", r.rosterSize()));
      overview.add(
          List.of("平均出勤率", r.averageAttendanceRate() == null ? "—" : r.averageAttendanceRate()));
      overview.add(List.of("前后测配对人数", r.assessment().pairs()));
      overview.add(List.of("前测平均分", text(r.assessment().preAverage())));
      overview.add(List.of("后测平均分", text(r.assessment().postAverage())));
      overview.add(List.of("变化", text(r.assessment().change())));
      writer.write(
          overview, FastExcel.writerSheet(0, "年度概况").head(heads("指标", "数值")).build());
      List<List<Object>> events = r.events().stream()
          .map(e -> List.<Object>of(
              e.date().toString(),
              KIND_LABELS.get(e.kind()),
              e.title(),
              e.place(),
              e.classHours(),
              e.present()))
          .toList();
      writer.write(
          events,
          FastExcel.writerSheet(1, "活动记录")
              .head(heads("日期", "类型", "主题", "地点", "课时", "出勤人数"))
              .build());
      Map<String, AssessmentService.ChildChange> changes = new LinkedHashMap<>();
      r.assessment().children().forEach(c -> changes.put(c.childId(), c));
      List<List<Object>> children = r.children().stream()
          .map(c -> {
            AssessmentService.ChildChange a = changes.get(c.childId());
            return List.<Object>of(
                c.name(),
                c.sessionsHeld(),
                c.attended(),
                c.attendedClassHours(),
                c.rate() == null ? "—" : c.rate(),
                a == null ? "—" : text(a.pre()),
                a == null ? "—" : text(a.post()),
                a == null ? "—" : text(a.change()));
          })
          .toList();
      writer.write(
          children,
          FastExcel.writerSheet(2, "团员出勤与测评")
              .head(heads("姓名", "应到次数", "出勤次数", "出勤课时", "出勤率", "前测", "后测", "变化"))
              .build());
    }
    return out.toByteArray();
  }

  private static List<List<String>> heads(String... names) {
    return java.util.Arrays.stream(names).map(List::of).toList();
  }

  private static String text(BigDecimal v) {
    return v == null ? "—" : v.toPlainString();
  }
}
