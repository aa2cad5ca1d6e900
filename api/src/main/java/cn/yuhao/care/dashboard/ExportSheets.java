package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.ExportService.Ledger;
import cn.yuhao.care.dashboard.ExportService.Request;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.RegionService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The ledgers' sheets: Chinese headers in the program's column order, and each row's cells (codes as labels,
 * dates in Chongqing time, identities masked unless the export unmasks them).
 */
final class ExportSheets {
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
      Map.entry("TRAINING", "训练"),
      Map.entry("PERFORMANCE", "演出"),
      Map.entry("RACE", "比赛"),
      Map.entry("PUBLIC_SERVICE", "公益服务"),
      Map.entry("CAMP", "营地活动"),
      Map.entry("APPROVED", "已批准"),
      Map.entry("SUBMITTED", "待审批"),
      Map.entry("FOOD", "餐饮"),
      Map.entry("SUPERMARKET", "商超"),
      Map.entry("CULTURE_TOURISM", "文旅场馆"),
      Map.entry("OTHER", "其他"));

  /** What an evaluator's sheet shows in place of a personal field. */
  static final String HIDDEN = "（评估脱敏）";

  private final RegionService regions;
  private final FieldCipher cipher;
  private final Clock clock;

  ExportSheets(RegionService regions, FieldCipher cipher, Clock clock) {
    this.regions = regions;
    this.cipher = cipher;
    this.clock = clock;
  }

  static List<List<String>> heads(Ledger ledger) {
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
      case SERVICE_HOURS ->
        List.of(
            "记录编号",
            "志愿者编号",
            "志愿者姓名",
            "证件类型",
            "证件号码",
            "志愿服务项目名称",
            "服务类别",
            "服务日期",
            "服务时长（小时）",
            "所属区县",
            "所属街道",
            "记录方式",
            "记录单位",
            "记录日期");
    };
    return names.stream().map(List::of).toList();
  }

  List<Object> cells(Request r, ResultSet rs, StatementContext ctx) throws SQLException {
    return switch (r.ledger()) {
      case PAIRINGS -> pairing(r, rs, ctx);
      case VOLUNTEERS -> volunteer(r, rs, ctx);
      case CHILDREN -> child(r, rs, ctx);
      case REPORTS -> report(r, rs, ctx);
      case TROUPES -> troupe(r, rs, ctx);
      case POINTS -> merchant(rs);
      case SERVICE_HOURS -> serviceHours(r, rs, ctx);
      case COMPLIANCE -> throw new IllegalStateException("compliance is not paged");
    };
  }

  private List<Object> pairing(Request r, ResultSet rs, StatementContext ctx) throws SQLException {
    return Arrays.asList(
        rs.getString("id"),
        district(rs),
        text(rs.getString("street")),
        Masking.name(rs.getString("child")),
        label(rs.getString("care_level")),
        label(rs.getString("mode")),
        label(rs.getString("purpose")),
        text(r.forEvaluator() ? Masking.name(rs.getString("carer")) : rs.getString("carer")),
        label(rs.getString("status")),
        day(Columns.instant(rs, "started_at", ctx)),
        day(Columns.instant(rs, "ended_at", ctx)),
        text(r.forEvaluator() ? HIDDEN : rs.getString("end_reason")),
        day(Columns.instant(rs, "last_contact", ctx)));
  }

  private List<Object> volunteer(Request r, ResultSet rs, StatementContext ctx)
      throws SQLException {
    String phone = cipher.decrypt(rs.getString("phone_enc"), "volunteers.phone");
    return Arrays.asList(
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
        rs.getInt("stars"));
  }

  private List<Object> child(Request r, ResultSet rs, StatementContext ctx) throws SQLException {
    String id = cipher.decrypt(rs.getString("id_number_enc"), "children.id_number");
    String address = rs.getString("address_enc") == null
        ? null
        : cipher.decrypt(rs.getString("address_enc"), "children.address");
    return Arrays.asList(
        rs.getString("id"),
        r.unmask() ? rs.getString("name") : Masking.name(rs.getString("name")),
        label(rs.getString("gender")),
        r.forEvaluator() ? birthYear(rs.getString("birth_date")) : rs.getString("birth_date"),
        r.unmask() ? id : Masking.idNumber(id),
        district(rs),
        text(rs.getString("street")),
        label(rs.getString("category")),
        rs.getString("needs"),
        label(rs.getString("care_level")),
        text(rs.getString("risk_flags")),
        text(r.forEvaluator() ? HIDDEN : rs.getString("school")),
        text(r.forEvaluator() ? HIDDEN : r.unmask() ? address : Masking.address(address)),
        label(rs.getString("status")),
        rs.getBoolean("paired") ? "是" : "否",
        rs.getBoolean("consented") ? "已同意" : "未同意");
  }

  private List<Object> report(Request r, ResultSet rs, StatementContext ctx) throws SQLException {
    Instant due = Columns.instant(rs, "ack_due_at", ctx);
    Instant acked = Columns.instant(rs, "acknowledged_at", ctx);
    boolean late = acked == null ? clock.instant().isAfter(due) : acked.isAfter(due);
    return Arrays.asList(
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
        late ? "是" : "否");
  }

  private List<Object> troupe(Request r, ResultSet rs, StatementContext ctx) throws SQLException {
    int hours = rs.getInt("hours");
    int marks = rs.getInt("marks");
    return Arrays.asList(
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
        rs.getInt("roster"));
  }

  /** One verified service record in the national system's fields (docs/SERVICE_HOURS_EXPORT.md). */
  private List<Object> serviceHours(Request r, ResultSet rs, StatementContext ctx)
      throws SQLException {
    String key = rs.getString("business_key");
    String source = key.substring(0, key.indexOf(':'));
    String name = rs.getString("real_name");
    return Arrays.asList(
        rs.getString("id"),
        rs.getString("volunteer_id"),
        r.unmask() ? name : Masking.name(name),
        "未采集",
        "",
        switch (source) {
          case "visit" -> "结对关爱（当面关爱）";
          case "claim" -> "补录服务（经督导审核）";
          default -> text(rs.getString("project"));
        },
        switch (source) {
          case "checkin" ->
            "欢唱团欢跑团活动"
                + (rs.getString("session_kind") == null
                    ? ""
                    : "（" + label(rs.getString("session_kind")) + "）");
          case "activity" -> "志愿活动";
          case "visit" -> "关爱服务";
          default -> "其他";
        },
        rs.getString("served_on"),
        rs.getBigDecimal("hours"),
        district(rs),
        text(rs.getString("street")),
        switch (source) {
          case "checkin", "activity" -> "签到码核验签到签退";
          case "visit" -> "监护人微信确认或督导确认";
          case "claim" -> "志愿者补录、督导审核";
          default -> "其他";
        },
        "重庆市妇联“渝好关爱”平台",
        day(Columns.instant(rs, "created_at", ctx)));
  }

  private List<Object> merchant(ResultSet rs) throws SQLException {
    return Arrays.asList(
        rs.getString("id"),
        rs.getString("name"),
        label(rs.getString("category")),
        district(rs),
        rs.getInt("used"),
        rs.getLong("points"),
        rs.getInt("offers"));
  }

  private static String birthYear(String birthDate) {
    return birthDate == null || birthDate.length() < 4
        ? birthDate
        : birthDate.substring(0, 4) + "年";
  }

  private String district(ResultSet rs) throws SQLException {
    return regions.districtName(rs.getString("district"));
  }

  private static String label(String code) {
    return code == null ? "" : LABELS.getOrDefault(code, code);
  }

  static String text(String s) {
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

  static String percent(int part, int whole) {
    return whole == 0 ? "" : String.format("%.1f%%", part * 100.0 / whole);
  }
}
