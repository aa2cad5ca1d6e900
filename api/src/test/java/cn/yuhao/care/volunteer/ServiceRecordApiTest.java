package cn.yuhao.care.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Her service record, the certificate she prints from it, and anyone's check of a certificate. */
class ServiceRecordApiTest extends ApiTest {
  private static final String DISTRICT = "500101";

  private static Instant daysAgo(int days, int hour, int minute) {
    LocalDate day = CarePeriods.day(server.clock().instant()).minusDays(days);
    return day.atTime(LocalTime.of(hour, minute)).atZone(CarePeriods.CHONGQING).toInstant();
  }

  /** A claim of hers, approved by the district admin: verified hours. */
  private static void approvedClaim(Login da, Volunteer v, Instant starts, Instant ends) {
    String id = api(v.login().token())
        .body(Map.of("startsAt", starts.toString(), "endsAt", ends.toString(), "reason", "入户走访"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(da.token()).post("/api/v1/admin/hour-claims/{id}/approve", id).then().statusCode(200);
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void her_record_adds_up_her_verified_hours_and_the_certificate_says_the_same()
      throws IOException {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    approvedClaim(da, v, daysAgo(2, 9, 0), daysAgo(2, 12, 20)); // 3.5 h
    approvedClaim(da, v, daysAgo(1, 14, 0), daysAgo(1, 16, 0)); // 2 h
    api(v.login().token())
        .body(Map.of(
            "startsAt", daysAgo(1, 18, 0).toString(),
            "endsAt", daysAgo(1, 19, 0).toString(),
            "reason", "还在审核"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(201);

    JsonPath record = api(v.login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(record.getDouble("lifetimeHours")).isEqualTo(5.5);
    assertThat(record.getDouble("pendingClaimHours")).isEqualTo(1.0);
    assertThat(record.getInt("stars")).isZero();
    assertThat(record.getInt("nextStarHours")).isEqualTo(100);
    assertThat(record.getDouble("hoursToNextStar")).isEqualTo(94.5);
    assertThat(record.getString("servedFrom"))
        .isEqualTo(CarePeriods.day(daysAgo(2, 9, 0)).toString());
    assertThat(record.getList("years.byKind.flatten().kind")).containsOnly("CLAIM");
    assertThat(record.getInt("years.byKind.flatten().times.sum()")).isEqualTo(2);
    String name = record.getString("name");

    // The admin's export in the national system's fields has her claimed hours, her name masked.
    int year = CarePeriods.day(daysAgo(2, 9, 0)).getYear();
    List<Map<Integer, String>> sheet = FastExcel.read(new ByteArrayInputStream(api(da.token())
            .get("/api/v1/admin/exports/service-hours?year=" + year + "&districtCode=" + DISTRICT)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray()))
        .sheet(0)
        .headRowNumber(0)
        .doReadSync();
    assertThat(sheet.get(0)).containsValues("志愿者姓名", "证件类型", "服务时长（小时）", "记录方式");
    assertThat(sheet).filteredOn(row -> v.id().equals(row.get(1))).isNotEmpty().allSatisfy(row -> {
      assertThat(row.get(2)).isNotEqualTo(name).startsWith(name.substring(0, 1));
      assertThat(row.get(5)).isEqualTo("补录服务（经督导审核）");
      assertThat(row.get(11)).isEqualTo("志愿者补录、督导审核");
    });

    byte[] pdf = api(v.login().token())
        .get("/api/v1/volunteers/me/certificate.pdf")
        .then()
        .statusCode(200)
        .contentType("application/pdf")
        .extract()
        .asByteArray();
    String text = pdfText(pdf);
    assertThat(text).contains("志愿服务记录证明", name, "138****1234", "5.5 小时", "补录（经审核）");
    assertThat(text).doesNotContain("13800001234");
    Matcher m = Pattern.compile("证明编号：([0-9A-Z]{16})").matcher(text);
    assertThat(m.find()).isTrue();
    String number = m.group(1);
    // The same day and hours: the same certificate again.
    String again = pdfText(api(v.login().token())
        .get("/api/v1/volunteers/me/certificate.pdf")
        .then()
        .statusCode(200)
        .extract()
        .asByteArray());
    assertThat(again).contains("证明编号：" + number);

    // Anyone checks it, and sees the masked name, the hours and the dates only.
    String check = api()
        .get("/api/v1/certificates/{number}", number)
        .then()
        .statusCode(200)
        .body("hours", equalTo(5.5f))
        .body("name", equalTo(name.substring(0, 1) + "*".repeat(name.length() - 1)))
        .extract()
        .asString();
    assertThat(check).doesNotContain(name, "1234", v.id());

    // A number nobody was given, or not a number at all: not found. Checks are limited per address
    // (30 a
    // minute), so numbers cannot be tried by the thousand.
    raw().get("/api/v1/certificates/{number}", "0000000000000000").then().statusCode(404);
    raw().get("/api/v1/certificates/{number}", "not-a-number").then().statusCode(404);
    boolean limited = false;
    for (int i = 0; i < 100 && !limited; i++) {
      int status = raw()
          .get("/api/v1/certificates/{number}", "ZZZZZZZZZZZZZZZZ")
          .then()
          .extract()
          .statusCode();
      assertThat(status).isIn(404, 429);
      limited = status == 429;
    }
    assertThat(limited).isTrue();
  }

  @Test
  void nobody_who_was_never_an_admitted_volunteer_has_a_record() {
    raw(fixtures.login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(404);
    raw(fixtures.login().token())
        .get("/api/v1/volunteers/me/certificate.pdf")
        .then()
        .statusCode(404);
  }
}
