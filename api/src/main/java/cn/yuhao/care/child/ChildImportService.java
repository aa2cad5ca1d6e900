package cn.yuhao.care.child;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.region.Coordinates;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports the civil-affairs ledger (.xlsx, header row in Chinese, the template's column order or any order).
 * Every row is checked exactly as a child registered by hand; rows are de-duplicated by ID number (an existing
 * child is updated, or counted unchanged) and a bad row is reported with its row number and reason and never
 * written. Good rows are written in one transaction, batched; a dry run checks everything and writes nothing.
 */
public final class ChildImportService {
  /** The template's columns, in the program's order; 姓名 to 监护人电话 as the civil-affairs ledger has them. */
  static final List<String> HEADERS = List.of(
      "姓名", "性别", "出生日期", "身份证号", "区县", "街道", "儿童类别", "关爱需求", "关爱等级", "风险标记", "学校", "入学年份", "家庭住址",
      "纬度", "经度", "监护人姓名", "监护人关系", "监护人电话");

  private static final List<String> REQUIRED =
      List.of("姓名", "身份证号", "区县", "儿童类别", "关爱需求", "关爱等级", "监护人姓名", "监护人关系", "监护人电话");
  static final int MAX_ROWS = 20_000;

  static final Map<String, String> GENDERS = Map.of("男", "MALE", "女", "FEMALE");
  static final Map<String, String> CATEGORIES = Map.of(
      "散居孤儿",
      "ORPHAN",
      "事实无人抚养",
      "UNSUPPORTED",
      "留守",
      "LEFT_BEHIND",
      "留守儿童",
      "LEFT_BEHIND",
      "流动",
      "MIGRANT",
      "流动儿童",
      "MIGRANT",
      "低保家庭重残重病",
      "POOR_DISABLED_ILL",
      "其他困境",
      "OTHER_DIFFICULT");
  static final Map<String, String> NEEDS = Map.of(
      "生活困难",
      "LIVING_DIFFICULTY",
      "亲情缺失",
      "LACK_OF_AFFECTION",
      "学业落后",
      "ACADEMIC_LAG",
      "心理问题",
      "PSYCHOLOGICAL",
      "法律意识淡薄",
      "LEGAL_AWARENESS",
      "健康/残疾",
      "HEALTH_DISABILITY",
      "健康残疾",
      "HEALTH_DISABILITY");
  static final Map<String, String> CARE_LEVELS = Map.of(
      "一对一",
      "ONE_TO_ONE",
      "困难关爱",
      "ONE_TO_ONE",
      "多对一",
      "CASE_TEAM",
      "重点关爱",
      "CASE_TEAM",
      "多对多",
      "GROUP",
      "团体关爱",
      "GROUP");
  static final Map<String, String> RISKS = Map.of(
      "高风险",
      "HIGH_RISK",
      "疑似受侵害",
      "ABUSE_SUSPECTED",
      "自伤风险",
      "SELF_HARM_RISK",
      "辍学风险",
      "DROPOUT_RISK");
  static final Map<String, String> RELATIONS = Map.of(
      "父亲",
      "FATHER",
      "母亲",
      "MOTHER",
      "祖父母",
      "GRANDPARENT",
      "祖父",
      "GRANDPARENT",
      "祖母",
      "GRANDPARENT",
      "外祖父",
      "GRANDPARENT",
      "外祖母",
      "GRANDPARENT",
      "亲属",
      "RELATIVE",
      "其他",
      "OTHER");
  private static final List<DateTimeFormatter> DATES = List.of(
      DateTimeFormatter.ofPattern("uuuu-M-d"),
      DateTimeFormatter.ofPattern("uuuu/M/d"),
      DateTimeFormatter.ofPattern("uuuu.M.d"),
      DateTimeFormatter.ofPattern("uuuuMMdd"),
      DateTimeFormatter.ofPattern("uuuu年M月d日"));

  public record RowError(int row, String field, String message) {}

  public record Report(
      boolean dryRun,
      int total,
      int created,
      int updated,
      int unchanged,
      int rejected,
      List<RowError> errors,
      long elapsedMs) {}

  private record Parsed(int row, ChildService.ChildInput input) {}

  private final Jdbi jdbi;
  private final ChildService children;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter perAdmin;

  /**
   * {@code perAdmin}: imports (dry runs included) an admin may start; a ledger is imported a few times a year, and
   * many calls in a row are someone probing the city's ledger.
   */
  public ChildImportService(
      Jdbi jdbi,
      ChildService children,
      RegionService regions,
      AuditLog audit,
      Clock clock,
      RateLimiter perAdmin) {
    this.perAdmin = perAdmin;
    this.jdbi = jdbi;
    this.children = children;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  /** The empty template: the header row, and a sheet of the accepted values. */
  public byte[] template() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var writer = FastExcel.write(out).build()) {
      writer.write(
          List.of(),
          FastExcel.writerSheet(0, "儿童台账")
              .head(HEADERS.stream().map(List::of).toList())
              .build());
      List<List<String>> help = List.of(
          List.of("性别", String.join("、", GENDERS.keySet().stream().sorted().toList())),
          List.of("出生日期", "2016-03-05（也可为 2016/3/5、20160305；不填则取自身份证号）"),
          List.of("区县", "区县名称或代码，如 沙坪坝区 或 500106"),
          List.of("儿童类别", "散居孤儿、事实无人抚养、留守、流动、低保家庭重残重病、其他困境"),
          List.of("关爱需求", "可多项，用顿号分隔：生活困难、亲情缺失、学业落后、心理问题、法律意识淡薄、健康/残疾"),
          List.of("关爱等级", "一对一、多对一、多对多"),
          List.of("风险标记", "可空或多项：高风险、疑似受侵害、自伤风险、辍学风险"),
          List.of("监护人关系", "父亲、母亲、祖父母、亲属、其他"),
          List.of("纬度/经度", "可空；填写时须在重庆市范围内"));
      writer.write(
          help,
          FastExcel.writerSheet(1, "填写说明")
              .head(List.of(List.of("列"), List.of("可填写的值")))
              .build());
    }
    return out.toByteArray();
  }

  public Report importFile(Caller admin, byte[] xlsx, boolean dryRun) {
    perAdmin.acquire(Long.toString(admin.userId()));
    long t0 = System.nanoTime();
    List<Map<Integer, String>> sheet = read(xlsx);
    if (sheet.isEmpty()) {
      throw AppException.invalid("file", "表格是空的，请使用导入模板");
    }
    Map<String, Integer> columns = columns(sheet.get(0));
    List<Map<Integer, String>> rows = sheet.subList(1, sheet.size());
    if (rows.size() > MAX_ROWS) {
      throw AppException.invalid("file", "一次最多导入 " + MAX_ROWS + " 行，请分批导入");
    }
    List<RowError> errors = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> districtCodes = districtCodes();
    int total = 0;
    for (int i = 0; i < rows.size(); i++) {
      int rowNumber = i + 2; // as Excel numbers it, after the header
      Map<Integer, String> row = rows.get(i);
      if (row.values().stream().allMatch(v -> v == null || v.isBlank())) {
        continue;
      }
      total++;
      try {
        ChildService.ChildInput in = toInput(row, columns, districtCodes);
        children.validate(in);
        if (!admin.adminScope().coversDistrict(in.districtCode())) {
          throw AppException.invalid("区县", "不在您管辖的区县内");
        }
        Integer first = seen.putIfAbsent(IdNumbers.normalize(in.idNumber()), rowNumber);
        if (first != null) {
          throw AppException.invalid("身份证号", "与第 " + first + " 行的身份证号重复");
        }
        parsed.add(new Parsed(rowNumber, in));
      } catch (AppException e) {
        errors.add(error(rowNumber, e));
      }
    }
    int[] counts = write(admin, parsed, errors, dryRun);
    errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
    return new Report(
        dryRun,
        total,
        counts[0],
        counts[1],
        counts[2],
        total - counts[0] - counts[1] - counts[2],
        errors,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Writes the good rows (unless a dry run): new children batched, existing ones updated when changed. */
  private int[] write(Caller admin, List<Parsed> parsed, List<RowError> errors, boolean dryRun) {
    return jdbi.inTransaction(h -> {
      ChildDao dao = new ChildDao(h);
      Map<String, List<ChildDao.Holder>> existing = new HashMap<>();
      List<String> indexes =
          parsed.stream().map(p -> children.idNumberIndex(p.input().idNumber())).toList();
      for (int i = 0; i < indexes.size(); i += 1000) {
        existing.putAll(dao.holdersByIndex(indexes.subList(i, Math.min(indexes.size(), i + 1000))));
      }
      Instant now = clock.instant();
      List<ChildDao.NewChild> fresh = new ArrayList<>();
      int updated = 0;
      int unchanged = 0;
      for (int i = 0; i < parsed.size(); i++) {
        Parsed p = parsed.get(i);
        List<ChildDao.Holder> holders = existing.getOrDefault(indexes.get(i), List.of());
        ChildDao.Holder mine = holders.stream()
            .filter(o -> admin.adminScope().coversDistrict(o.districtCode()))
            .findFirst()
            .orElse(null);
        if (mine == null) {
          // New to her ledger. Held by another district: flagged for the city, answered as any new
          // child is.
          ChildService.ChildInput in = ChildService.withDefaults(p.input());
          Long duplicateOf = holders.isEmpty() ? null : holders.get(0).id();
          long id = Ids.next();
          fresh.add(new ChildDao.NewChild(
              id, children.values(in).withDuplicateOf(duplicateOf), children.guardianValues(in)));
          if (duplicateOf != null && !dryRun) {
            audit.record(
                h,
                admin,
                "child.duplicate",
                "child",
                Long.toString(id),
                "与另一区县台账中的儿童身份证号相同，待市妇联核实");
          }
          continue;
        }
        long id = mine.id();
        ChildRow row = dao.findInScope(id, admin.adminScope(), true).orElseThrow();
        ChildService.ChildInput current = children.current(dao, row);
        ChildService.ChildInput merged = ChildService.merge(current, p.input());
        if (Objects.equals(merged, current)) {
          unchanged++;
        } else {
          updated++;
          if (!dryRun) {
            dao.update(id, children.values(merged), now);
            children.counters().childChanged(h, id);
            dao.replaceGuardians(id, false, children.guardianValues(merged), Ids::next);
          }
        }
      }
      if (!dryRun) {
        dao.insertAll(fresh, now, Ids::next);
        children
            .counters()
            .childrenAdded(h, fresh.stream().map(ChildDao.NewChild::id).toList());
        audit.record(
            h,
            admin,
            "child.import",
            "child",
            null,
            "新建 " + fresh.size() + "，更新 " + updated + "，未变 " + unchanged + "，拒绝 " + errors.size());
      }
      return new int[] {fresh.size(), updated, unchanged};
    });
  }

  private static List<Map<Integer, String>> read(byte[] xlsx) {
    XlsxGuard.check(xlsx, MAX_ROWS);
    try {
      return FastExcel.read(new ByteArrayInputStream(xlsx))
          .sheet(0)
          .headRowNumber(0)
          .doReadSync();
    } catch (RuntimeException e) {
      throw AppException.invalid("file", "无法读取该文件，请上传 .xlsx 格式的导入模板");
    }
  }

  /** Header name → column index; unknown headers are ignored, missing required ones are a 422. */
  private static Map<String, Integer> columns(Map<Integer, String> header) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    header.forEach((index, name) -> {
      if (name != null && HEADERS.contains(name.trim())) {
        columns.putIfAbsent(name.trim(), index);
      }
    });
    List<String> missing =
        REQUIRED.stream().filter(h -> !columns.containsKey(h)).toList();
    if (!missing.isEmpty()) {
      throw AppException.invalid("file", "表头缺少：" + String.join("、", missing) + "（请使用导入模板）");
    }
    return columns;
  }

  private Map<String, String> districtCodes() {
    Map<String, String> codes = new HashMap<>();
    for (Region r : regions.districts()) {
      codes.put(r.name(), r.code());
      codes.put(r.code(), r.code());
    }
    return codes;
  }

  private ChildService.ChildInput toInput(
      Map<Integer, String> row, Map<String, Integer> columns, Map<String, String> districtCodes) {
    java.util.function.Function<String, String> cell = name -> {
      Integer index = columns.get(name);
      String v = index == null ? null : row.get(index);
      return v == null || v.isBlank() ? null : v.trim();
    };
    String idNumber = cell.apply("身份证号");
    String birth = cell.apply("出生日期");
    LocalDate birthDate = birth != null
        ? date(birth)
        : IdNumbers.valid(IdNumbers.normalize(idNumber))
            ? IdNumbers.birthDate(IdNumbers.normalize(idNumber))
            : null;
    String district = cell.apply("区县");
    String lat = cell.apply("纬度");
    String lng = cell.apply("经度");
    ChildService.Location location = null;
    if (lat != null || lng != null) {
      // Six decimals (~0.1 m), as stored, so an unchanged row compares equal.
      location = new ChildService.Location(
          Coordinates.decimal(number("纬度", lat)).doubleValue(),
          Coordinates.decimal(number("经度", lng)).doubleValue());
    }
    String entryYear = cell.apply("入学年份");
    return new ChildService.ChildInput(
        cell.apply("姓名"),
        code("性别", cell.apply("性别"), GENDERS),
        birthDate,
        idNumber,
        district == null ? null : districtCodes.getOrDefault(district, district),
        cell.apply("街道"),
        code("儿童类别", cell.apply("儿童类别"), CATEGORIES),
        codes("关爱需求", cell.apply("关爱需求"), NEEDS),
        code("关爱等级", cell.apply("关爱等级"), CARE_LEVELS),
        codes("风险标记", cell.apply("风险标记"), RISKS),
        cell.apply("学校"),
        entryYear == null ? null : (int) Math.round(number("入学年份", entryYear)),
        cell.apply("家庭住址"),
        location,
        List.of(new ChildService.GuardianInput(
            cell.apply("监护人姓名"),
            code("监护人关系", cell.apply("监护人关系"), RELATIONS),
            cell.apply("监护人电话"))),
        null);
  }

  /** A Chinese label (or the API's code itself) to its code. */
  private static String code(String column, String value, Map<String, String> labels) {
    if (value == null) {
      return null;
    }
    if (labels.containsKey(value)) {
      return labels.get(value);
    }
    if (labels.containsValue(value)) {
      return value;
    }
    throw AppException.invalid(column, "不认识的取值：" + value);
  }

  private static List<String> codes(String column, String value, Map<String, String> labels) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split("[、,，;；\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> code(column, s, labels))
        .distinct()
        .collect(Collectors.toList());
  }

  private static LocalDate date(String raw) {
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(raw, f);
      } catch (DateTimeParseException ignored) {
        // try the next layout
      }
    }
    throw AppException.invalid("出生日期", "日期格式应为 2016-03-05");
  }

  private static double number(String column, String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException | NullPointerException e) {
      throw AppException.invalid(column, "应为数字");
    }
  }

  /** A row's first problem, named by the template's column where the API names a field. */
  private static RowError error(int row, AppException e) {
    if (e.fields() != null && !e.fields().isEmpty()) {
      var f = e.fields().get(0);
      String column = switch (f.field().replaceAll("^guardians\\[0\\]\\.", "guardian.")) {
        case "name" -> "姓名";
        case "gender" -> "性别";
        case "birthDate" -> "出生日期";
        case "idNumber" -> "身份证号";
        case "districtCode" -> "区县";
        case "street" -> "街道";
        case "category" -> "儿童类别";
        case "needs" -> "关爱需求";
        case "careLevel" -> "关爱等级";
        case "riskFlags" -> "风险标记";
        case "school" -> "学校";
        case "schoolEntryYear" -> "入学年份";
        case "address" -> "家庭住址";
        case "location" -> "纬度/经度";
        case "guardian.name" -> "监护人姓名";
        case "guardian.relation" -> "监护人关系";
        case "guardian.phone" -> "监护人电话";
        default -> f.field();
      };
      String more = e.fields().size() > 1 ? "（另有 " + (e.fields().size() - 1) + " 处问题）" : "";
      return new RowError(row, column, f.message() + more);
    }
    if (e.error() == ErrorCode.DUPLICATE) {
      return new RowError(row, "身份证号", e.getMessage());
    }
    return new RowError(row, null, e.getMessage());
  }
}
