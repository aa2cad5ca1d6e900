package cn.yuhao.care.child;

import cn.idev.excel.FastExcel;
import cn.idev.excel.context.AnalysisContext;
import cn.idev.excel.read.listener.ReadListener;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.region.Coordinates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ledger's spreadsheet: the template's columns and the labels the civil-affairs ledger uses for each code,
 * reading a sheet, and turning one row into a child's input (labels or the API's codes both accepted).
 */
final class ChildSheet {
  private ChildSheet() {}

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

  /** The empty template: the header row, and a sheet of the accepted values. */
  static byte[] template() {
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

  /** One row of the sheet as it is read: its number as Excel shows it, and its cells by column index. */
  interface RowSink {
    void row(int rowNumber, Map<Integer, String> cells);
  }

  /**
   * Reads the first sheet row by row into {@code sink}, header row included, holding one row at a time; blank rows
   * are skipped. What the sink throws ends the reading and is thrown as it is.
   */
  static void stream(byte[] xlsx, RowSink sink) {
    XlsxGuard.check(xlsx, MAX_ROWS);
    try {
      FastExcel.read(new ByteArrayInputStream(xlsx), new ReadListener<Map<Integer, String>>() {
            @Override
            public void invoke(Map<Integer, String> cells, AnalysisContext context) {
              try {
                sink.row(context.readRowHolder().getRowIndex() + 1, cells);
              } catch (RuntimeException e) {
                throw new FromSink(e);
              }
            }

            @Override
            public void doAfterAllAnalysed(AnalysisContext context) {}
          })
          .sheet(0)
          .headRowNumber(0)
          .doRead();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof FromSink f) {
          throw f.failure;
        }
      }
      throw AppException.invalid("file", "无法读取该文件，请上传 .xlsx 格式的导入模板");
    }
  }

  /** The sink's own failure (a refusal, the database's error), told apart from the library's reading errors. */
  private static final class FromSink extends RuntimeException {
    private final RuntimeException failure;

    FromSink(RuntimeException failure) {
      super(failure);
      this.failure = failure;
    }
  }

  /** Header name → column index; unknown headers are ignored, missing required ones are a 422. */
  static Map<String, Integer> columns(Map<Integer, String> header) {
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

  static ChildService.ChildInput toInput(
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
}
