package cn.yuhao.care.dashboard;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.ComplianceService;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.RegionService;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledgers (台账) as .xlsx with Chinese headers in the program's column order, streamed: rows are read in pages
 * of {@value #PAGE} by id and written through FastExcel's streaming workbook, so neither the rows nor the file are
 * ever whole in memory. Every export is audited as a bulk read (what, where, how many rows, masked or not);
 * children's and volunteers' identities are masked unless the admin asks to unmask, which is audited as such.
 */
public final class ExportService {
  static final int PAGE = 2000;

  /** A ledger: its path name, its sheet name and whether it holds identities that can be unmasked. */
  public enum Ledger {
    PAIRINGS("pairings", "结对台账", false),
    VOLUNTEERS("volunteers", "志愿者台账", true),
    CHILDREN("children", "儿童台账", true),
    COMPLIANCE("compliance", "6+1落实情况（按街道）", false),
    TROUPES("troupes", "欢唱团欢跑团年报", false),
    REPORTS("reports", "强制报告登记簿", false),
    POINTS("points", "积分兑换（按商户）", false);

    final String path;
    final String title;
    final boolean unmaskable;

    Ledger(String path, String title, boolean unmaskable) {
      this.path = path;
      this.title = title;
      this.unmaskable = unmaskable;
    }

    static Ledger of(String path) {
      return Arrays.stream(values())
          .filter(l -> l.path.equals(path))
          .findFirst()
          .orElseThrow(() -> AppException.notFound("台账"));
    }
  }

  /** What to export, checked before a byte is written (afterwards an error can no longer be answered). */
  public record Request(
      Ledger ledger, String districtCode, int year, String period, boolean unmask) {
    public String filename() {
      return ledger.title + "-" + (districtCode == null ? "全部" : districtCode) + "-"
          + (ledger == Ledger.COMPLIANCE
              ? period
              : ledger == Ledger.TROUPES || ledger == Ledger.REPORTS || ledger == Ledger.POINTS
                  ? Integer.toString(year)
                  : "当前")
          + ".xlsx";
    }
  }

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("ONE_TO_ONE", "一对一"),
      Map.entry("CASE_TEAM", "个案团队"),
      Map.entry("GROUP", "团体"),
      Map.entry("CARE", "关爱"),
      Map.entry("ACTIVE", "在册"),
      Map.entry("ENDED", "已结束"),
      Map.entry("PENDING", "待审核"),
      Map.entry("ADMITTED", "已准入"),
      Map.entry("REJECTED", "未通过"),
      Map.entry("SUSPENDED", "暂停"),
      Map.entry("EXITED", "已退出"),
      Map.entry("MALE", "男"),
      Map.entry("FEMALE", "女"),
      Map.entry("ORPHAN", "孤儿"),
      Map.entry("UNSUPPORTED", "事实无人抚养儿童"),
      Map.entry("LEFT_BEHIND", "留守儿童"),
      Map.entry("MIGRANT", "流动儿童"),
      Map.entry("POOR_DISABLED_ILL", "困境儿童（贫困、残疾、重病）"),
      Map.entry("OTHER_DIFFICULT", "其他困难儿童"),
      Map.entry("MOVED", "已迁出"),
      Map.entry("AGED_OUT", "已满18岁"),
      Map.entry("CLOSED", "已结案"),
      Map.entry("REPORTED", "待受理"),
      Map.entry("ACKNOWLEDGED", "已受理"),
      Map.entry("REFERRED", "已转介"),
      Map.entry("RESOLVED", "已处置"),
      Map.entry("URGENT", "紧急"),
      Map.entry("HIGH", "高"),
      Map.entry("NORMAL", "一般"),
      Map.entry("SINGING", "欢唱团"),
      Map.entry("RUNNING", "欢跑团"),
      Map.entry("APPROVED", "已批准"),
      Map.entry("SUBMITTED", "待审批"),
      Map.entry("FOOD", "餐饮"),
      Map.entry("SUPERMARKET", "商超"),
      Map.entry("CULTURE_TOURISM", "文旅场馆"),
      Map.entry("OTHER", "其他"));

  private final Jdbi jdbi;
  private final RegionService regions;
  private final ComplianceService compliance;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public ExportService(
      Jdbi jdbi,
      RegionService regions,
      ComplianceService compliance,
      FieldCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.compliance = compliance;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  public Request check(
      Caller admin,
      String ledgerPath,
      String districtCode,
      Integer year,
      String period,
      boolean unmask) {
    Ledger ledger = Ledger.of(ledgerPath);
    Scope scope = admin.adminScope();
    if (districtCode != null && !regions.isDistrict(districtCode)) {
      throw AppException.invalid("districtCode", "区县代码不存在");
    }
    if (districtCode != null && !scope.coversDistrict(districtCode)) {
      throw AppException.notFound("区县");
    }
    if (unmask && !ledger.unmaskable) {
      throw AppException.invalid("unmask", "只有儿童台账和志愿者台账有可显示的敏感信息");
    }
    if (ledger == Ledger.COMPLIANCE) {
      compliance.compliance(
          admin, districtCode, null, period); // checks the period before anything is written
    }
    int y = year == null ? CarePeriods.day(clock.instant()).getYear() : year;
    return new Request(ledger, districtCode, y, period, unmask);
  }

  /** Writes the ledger to {@code out}; returns the number of rows. */
  public long export(Caller admin, Request r, OutputStream out) {
    long rows = 0;
    boolean complete = false;
    try (ExcelWriter writer = FastExcel.write(out).build()) {
      WriteSheet sheet =
          FastExcel.writerSheet(0, r.ledger().title).head(heads(r.ledger())).build();
      if (r.ledger() == Ledger.COMPLIANCE) {
        List<List<Object>> page = complianceRows(admin, r);
        writer.write(page, sheet);
        rows = page.size();
      } else {
        long after = 0;
        while (true) {
          long cursor = after;
          List<Row> page = jdbi.withHandle(h -> page(h, admin.adminScope(), r, cursor));
          if (page.isEmpty()) {
            break;
          }
          writer.write(page.stream().map(Row::cells).toList(), sheet);
          rows += page.size();
          after = page.get(page.size() - 1).id();
        }
        if (rows == 0) {
          writer.write(List.of(), sheet); // the header row alone: an empty ledger is still a ledger
        }
      }
      complete = true;
    } finally {
      long n = rows;
      String detail = (r.districtCode() == null ? "全部可见区县" : r.districtCode()) + "，" + n + " 行，"
          + (r.unmask() ? "含完整身份信息" : "已脱敏") + (complete ? "" : "，中断");
      audit.recordRead(
          admin, r.unmask() ? "export.unmasked" : "export", "ledger", r.ledger().path, detail);
    }
    return rows;
  }

  private record Row(long id, List<Object> cells) {}

  private static List<List<String>> heads(Ledger ledger) {
    List<String> names = switch (ledger) {
      case PAIRINGS ->
        List.of(
            "结对编号", "区县", "街道", "儿童", "关爱等级", "结对方式", "结对目的", "爱心妈妈或团队", "状态", "开始日期", "结束日期",
            "结束原因", "最近联系日期");
      case VOLUNTEERS ->
        List.of(
            "志愿者编号",
            "姓名",
            "手机号",
            "区县",
            "街道",
            "专长",
            "可结对人数",
            "当前结对数",
            "状态",
            "申请日期",
            "审核日期",
            "累计服务时长（小时）",
            "星级");
      case CHILDREN ->
        List.of(
            "儿童编号", "姓名", "性别", "出生日期", "身份证号", "区县", "街道", "儿童类别", "关爱需求", "关爱等级", "风险标记", "学校",
            "家庭住址", "状态", "是否已结对", "监护人同意");
      case COMPLIANCE -> {
        List<String> h =
            new ArrayList<>(List.of("区县", "街道", "结对数", "应完成", "按时完成", "逾期完成", "未完成", "按时完成率"));
        CareItem.PERIODIC.forEach(i -> h.add(i.label() + "（按时/应完成）"));
        yield h;
      }
      case TROUPES ->
        List.of(
            "团队编号", "区县", "团队名称", "类型", "承办单位", "状态", "年度", "开展活动（次）", "已开展课时", "年度目标课时", "课时完成率",
            "出勤人次", "考勤人次", "出勤率", "在团人数");
      case REPORTS ->
        List.of(
            "报告编号", "区县", "街道", "儿童", "类别", "紧急程度", "状态", "报告人身份", "发生时间", "上报时间", "受理时限", "受理时间",
            "转介机构", "转介时间", "结案时间", "是否超时受理");
      case POINTS -> List.of("商户编号", "商户名称", "类别", "区县", "核销次数", "核销积分", "上架礼遇数");
    };
    return names.stream().map(List::of).toList();
  }

  private List<Row> page(Handle h, Scope scope, Request r, long after) {
    Instant yearStart =
        LocalDate.of(r.year(), 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant yearEnd =
        LocalDate.of(r.year() + 1, 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    String sql = switch (r.ledger()) {
      case PAIRINGS -> """
          SELECT p.id, p.district_code AS district, p.street, c.name AS child, c.care_level, p.mode, p.purpose,
                 COALESCE(v.real_name, t.name) AS carer, p.status, p.started_at, p.ended_at, p.end_reason,
                 (SELECT l.last_at FROM dash_pairing_latest l WHERE l.pairing_id = p.id AND l.kind = 'ANY_CONTACT') AS last_contact
            FROM pairings p JOIN children c ON c.id = p.child_id
            LEFT JOIN volunteers v ON v.id = p.volunteer_id LEFT JOIN volunteer_teams t ON t.id = p.team_id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case VOLUNTEERS -> """
          SELECT p.id, p.real_name, p.phone_enc, p.district_code AS district, p.street, p.specialties, p.max_children,
                 (SELECT COUNT(*) FROM pairings x WHERE x.volunteer_id = p.id AND x.status = 'ACTIVE') AS pairings,
                 p.status, p.applied_at, p.decided_at, COALESCE(hv.hours, 0) AS hours, COALESCE(sv.stars, 0) AS stars
            FROM volunteers p
            LEFT JOIN dash_volunteer_hours hv ON hv.volunteer_id = p.id
            LEFT JOIN dash_volunteer_state sv ON sv.volunteer_id = p.id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case CHILDREN -> """
          SELECT p.id, p.name, p.gender, p.birth_date, p.id_number_enc, p.district_code AS district, p.street, p.category, p.needs,
                 p.care_level, p.risk_flags, p.school, p.address_enc, p.status, s.paired, s.consented
            FROM children p
            LEFT JOIN dash_child_state s ON s.child_id = p.id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case REPORTS -> """
          SELECT p.id, p.district_code AS district, p.street, c.name AS child, p.category, p.severity, p.status, p.reporter_role,
                 p.occurred_at, p.created_at, p.ack_due_at, p.acknowledged_at, p.referral_agency, p.referred_at,
                 p.closed_at
            FROM concerns p JOIN children c ON c.id = p.child_id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.created_at >= :from AND p.created_at < :to
             AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case TROUPES -> """
          SELECT p.id, p.district_code AS district, p.name, p.kind, p.host_unit, p.status,
                 (SELECT COUNT(*) FROM troupe_sessions s WHERE s.troupe_id = p.id AND s.status = 'SCHEDULED'
                     AND s.starts_at >= :from AND s.starts_at < :to AND s.starts_at <= :now) AS sessions,
                 (SELECT COALESCE(SUM(s.class_hours), 0) FROM troupe_sessions s WHERE s.troupe_id = p.id
                     AND s.status = 'SCHEDULED' AND s.starts_at >= :from AND s.starts_at < :to AND s.starts_at <= :now) AS hours,
                 (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id WHERE s.troupe_id = p.id
                     AND s.starts_at >= :from AND s.starts_at < :to AND a.status = 'PRESENT') AS present,
                 (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id WHERE s.troupe_id = p.id
                     AND s.starts_at >= :from AND s.starts_at < :to) AS marks,
                 (SELECT COUNT(*) FROM troupe_members m WHERE m.troupe_id = p.id AND m.left_at IS NULL) AS roster
            FROM troupes p
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.status = 'APPROVED' AND p.id > :after
           ORDER BY p.id LIMIT :limit""";
      case POINTS -> """
          SELECT p.id, p.name, p.category, p.district_code AS district,
                 (SELECT COUNT(*) FROM redemptions x WHERE x.merchant_id = p.id AND x.status = 'USED'
                     AND x.used_at >= :from AND x.used_at < :to) AS used,
                 (SELECT COALESCE(SUM(x.points), 0) FROM redemptions x WHERE x.merchant_id = p.id AND x.status = 'USED'
                     AND x.used_at >= :from AND x.used_at < :to) AS points,
                 (SELECT COUNT(*) FROM offers o WHERE o.merchant_id = p.id AND o.status = 'ACTIVE') AS offers
            FROM merchants p
           WHERE (<scope>) AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case COMPLIANCE -> throw new IllegalStateException("compliance is not paged");
    };
    var q = h.createQuery(sql)
        .bind("d", r.districtCode())
        .bind("after", after)
        .bind("limit", PAGE)
        .bind("from", yearStart)
        .bind("to", yearEnd)
        .bind("now", clock.instant());
    return ScopeFilter.apply(q, "p", r.ledger() == Ledger.POINTS ? merchantScope(scope) : scope)
        .map((rs, ctx) -> new Row(rs.getLong("id"), cells(r, rs, ctx)))
        .list();
  }

  /** Merchants have a district but no street: a street supervisor's scope does not reach them. */
  private static Scope merchantScope(Scope scope) {
    return new Scope(scope.all(), scope.districts(), java.util.Set.of());
  }

  private List<Object> cells(
      Request r, ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    List<Object> c = new ArrayList<>();
    switch (r.ledger()) {
      case PAIRINGS -> {
        c.addAll(Arrays.asList(
            rs.getString("id"),
            district(rs),
            text(rs.getString("street")),
            Masking.name(rs.getString("child")),
            label(rs.getString("care_level")),
            label(rs.getString("mode")),
            label(rs.getString("purpose")),
            text(rs.getString("carer")),
            label(rs.getString("status")),
            day(Columns.instant(rs, "started_at", ctx)),
            day(Columns.instant(rs, "ended_at", ctx)),
            text(rs.getString("end_reason")),
            day(Columns.instant(rs, "last_contact", ctx))));
      }
      case VOLUNTEERS -> {
        String phone = cipher.decrypt(rs.getString("phone_enc"), "volunteers.phone");
        c.addAll(Arrays.asList(
            rs.getString("id"),
            r.unmask() ? rs.getString("real_name") : Masking.name(rs.getString("real_name")),
            r.unmask() ? phone : Masking.phone(phone),
            district(rs),
            text(rs.getString("street")),
            rs.getString("specialties"),
            rs.getInt("max_children"),
            rs.getInt("pairings"),
            label(rs.getString("status")),
            day(Columns.instant(rs, "applied_at", ctx)),
            day(Columns.instant(rs, "decided_at", ctx)),
            rs.getBigDecimal("hours"),
            rs.getInt("stars")));
      }
      case CHILDREN -> {
        String id = cipher.decrypt(rs.getString("id_number_enc"), "children.id_number");
        String address = rs.getString("address_enc") == null
            ? null
            : cipher.decrypt(rs.getString("address_enc"), "children.address");
        c.addAll(Arrays.asList(
            rs.getString("id"),
            r.unmask() ? rs.getString("name") : Masking.name(rs.getString("name")),
            label(rs.getString("gender")),
            rs.getString("birth_date"),
            r.unmask() ? id : Masking.idNumber(id),
            district(rs),
            text(rs.getString("street")),
            label(rs.getString("category")),
            rs.getString("needs"),
            label(rs.getString("care_level")),
            text(rs.getString("risk_flags")),
            text(rs.getString("school")),
            text(r.unmask() ? address : Masking.address(address)),
            label(rs.getString("status")),
            rs.getBoolean("paired") ? "是" : "否",
            rs.getBoolean("consented") ? "已同意" : "未同意"));
      }
      case REPORTS -> {
        Instant due = Columns.instant(rs, "ack_due_at", ctx);
        Instant acked = Columns.instant(rs, "acknowledged_at", ctx);
        boolean late = acked == null ? clock.instant().isAfter(due) : acked.isAfter(due);
        c.addAll(Arrays.asList(
            rs.getString("id"),
            district(rs),
            text(rs.getString("street")),
            Masking.name(rs.getString("child")),
            rs.getString("category"),
            label(rs.getString("severity")),
            label(rs.getString("status")),
            rs.getString("reporter_role"),
            time(Columns.instant(rs, "occurred_at", ctx)),
            time(Columns.instant(rs, "created_at", ctx)),
            time(due),
            time(acked),
            text(rs.getString("referral_agency")),
            time(Columns.instant(rs, "referred_at", ctx)),
            time(Columns.instant(rs, "closed_at", ctx)),
            late ? "是" : "否"));
      }
      case TROUPES -> {
        int hours = rs.getInt("hours");
        int marks = rs.getInt("marks");
        c.addAll(Arrays.asList(
            rs.getString("id"),
            district(rs),
            rs.getString("name"),
            label(rs.getString("kind")),
            rs.getString("host_unit"),
            label(rs.getString("status")),
            r.year(),
            rs.getInt("sessions"),
            hours,
            80,
            percent(hours, 80),
            rs.getInt("present"),
            marks,
            percent(rs.getInt("present"), marks),
            rs.getInt("roster")));
      }
      case POINTS ->
        c.addAll(Arrays.asList(
            rs.getString("id"),
            rs.getString("name"),
            label(rs.getString("category")),
            district(rs),
            rs.getInt("used"),
            rs.getLong("points"),
            rs.getInt("offers")));
      case COMPLIANCE -> throw new IllegalStateException("compliance is not paged");
    }
    return c;
  }

  private List<List<Object>> complianceRows(Caller admin, Request r) {
    List<List<Object>> rows = new ArrayList<>();
    for (ComplianceService.StreetRow s :
        compliance.compliance(admin, r.districtCode(), null, r.period()).byStreet()) {
      ComplianceService.Counts k = s.counts();
      List<Object> row = new ArrayList<>(Arrays.asList(
          regions.districtName(s.districtCode()),
          text(s.street()),
          s.pairings(),
          k.owed(),
          k.onTime(),
          k.late(),
          k.missed(),
          percent(k.onTime(), k.owed())));
      s.byItem().forEach(i -> row.add(i.counts().onTime() + "/" + i.counts().owed()));
      rows.add(row);
    }
    return rows;
  }

  private String district(ResultSet rs) throws SQLException {
    return regions.districtName(rs.getString("district"));
  }

  private static String label(String code) {
    return code == null ? "" : LABELS.getOrDefault(code, code);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String day(Instant t) {
    return t == null ? "" : CarePeriods.day(t).toString();
  }

  private static String time(Instant t) {
    return t == null
        ? ""
        : t.atZone(CarePeriods.CHONGQING)
            .toLocalDateTime()
            .withNano(0)
            .toString()
            .replace('T', ' ');
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "" : String.format("%.1f%%", part * 100.0 / whole);
  }
}
