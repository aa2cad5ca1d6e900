package cn.yuhao.care.bench;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.child.IdNumbers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import scenario of the benchmark: a civil-affairs ledger of N rows (10 000 by default) in the template's
 * columns, imported as a dry run, for real, and again (every row then unchanged), each timed end to end.
 */
final class ImportBench {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");
  private static final List<String> HEADERS = List.of(
      "姓名", "性别", "出生日期", "身份证号", "区县", "街道", "儿童类别", "关爱需求", "关爱等级", "风险标记", "学校", "入学年份", "家庭住址",
      "纬度", "经度", "监护人姓名", "监护人关系", "监护人电话");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ImportBench(String base) {
    this.base = base;
  }

  void run(int rows) throws Exception {
    String admin = login();
    // A fresh run prefix keeps ID numbers new on every run against the same database.
    int run = (int) (System.currentTimeMillis() / 1000 % 900) + 100;
    List<List<String>> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      LocalDate birth = LocalDate.of(2012, 1, 1).plusDays(i % 3600);
      String id = IdNumbers.complete(String.format("5%02d%03d", i / 3600 % 100, run)
          + birth.toString().replace("-", "")
          + String.format("%03d", i / 36 % 1000));
      data.add(List.of(
          "导入儿童" + i,
          i % 2 == 0 ? "女" : "男",
          birth.toString(),
          id,
          "沙坪坝区",
          "",
          "留守",
          "学业落后、亲情缺失",
          "一对一",
          "",
          "沙坪坝区实验小学",
          "2020",
          "重庆市沙坪坝区小龙坎正街 " + i + " 号",
          String.format("%.6f", 29.50 + (i % 100) * 0.001),
          String.format("%.6f", 106.40 + (i / 100 % 100) * 0.001),
          "张桂兰",
          "祖母",
          String.format("135%08d", i)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastExcel.write(out)
        .head(HEADERS.stream().map(List::of).toList())
        .sheet("儿童台账")
        .doWrite(data);
    byte[] file = out.toByteArray();
    System.out.printf("ledger of %d rows, %.1f MB%n", rows, file.length / 1e6);
    for (String step : List.of("dry run", "import", "again (unchanged)")) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/children/import"
                  + (step.equals("dry run") ? "?dryRun=true" : "")))
              .timeout(Duration.ofMinutes(5))
              .header("Authorization", "Bearer " + admin)
              .header(
                  "Content-Type",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
              .POST(HttpRequest.BodyPublishers.ofByteArray(file))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      String body = r.body().replaceAll(",\"errors\":\\[.*]", "");
      System.out.printf(
          "%-18s HTTP %d in %5.0f ms: %s%n",
          step,
          r.statusCode(),
          (System.nanoTime() - t0) / 1e6,
          body.length() > 200 ? body.substring(0, 200) : body);
    }
  }

  private String login() throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/wechat-login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"bench_admin\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = TOKEN.matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("login failed: " + r.body());
    }
    return m.group(1);
  }
}
