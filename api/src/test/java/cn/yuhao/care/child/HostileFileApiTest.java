package cn.yuhao.care.child;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/** Spreadsheets made to hurt: each is a clear 422 about the file, in bounded memory and time. */
class HostileFileApiTest extends ApiTest {
  private static final String XLSX = ChildRoutes.XLSX;
  private static final String SHEET = "xl/worksheets/sheet1.xml";

  /** A real ledger file from the template's headers, with its first sheet's XML rewritten. */
  private static byte[] withSheet(UnaryOperator<String> rewrite) throws IOException {
    ByteArrayOutputStream good = new ByteArrayOutputStream();
    FastExcel.write(good)
        .head(ChildSheet.HEADERS.stream().map(List::of).toList())
        .sheet("儿童台账")
        .doWrite(List.<List<String>>of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipFile in = ZipFile.builder()
            .setSeekableByteChannel(new SeekableInMemoryByteChannel(good.toByteArray()))
            .get();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
        byte[] bytes = in.getInputStream(e).readAllBytes();
        if (e.getName().equals(SHEET)) {
          bytes = rewrite
              .apply(new String(bytes, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static void refused(Login da, byte[] file, String why) {
    raw(da.token())
        .contentType(XLSX)
        .queryParam("dryRun", "true")
        .body(file)
        .post("/api/v1/admin/children/import")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("file"))
        .body("detail", containsString(why))
        .body(not(containsString("root:")));
  }

  @Test
  void a_zip_bomb_an_entity_a_million_empty_rows_and_formulas_are_refused() throws IOException {
    Login da = fixtures.districtAdmin("500116");
    // 70 MB of one repeated character, inflating from about 70 KB: more than a part may hold.
    String padding = " ".repeat(70 * 1024 * 1024);
    refused(da, withSheet(xml -> xml.replace("<sheetData>", "<sheetData>" + padding)), "过大");
    refused(
        da,
        withSheet(
            xml -> xml.replaceFirst(
                    "\\?>", "?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
                .replace(
                    "<sheetData>",
                    "<sheetData><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&e;</t></is></c></row>")),
        "DOCTYPE");
    StringBuilder rows = new StringBuilder();
    for (int r = 2; r <= 1_048_576; r++) {
      rows.append("<row r=\"").append(r).append("\"/>");
    }
    refused(da, withSheet(xml -> xml.replace("</sheetData>", rows + "</sheetData>")), "空行");
    refused(
        da,
        withSheet(
            xml -> xml.replace(
                "</sheetData>",
                "<row r=\"2\"><c r=\"A2\"><f>HYPERLINK(\"http://x\",\"点我\")</f><v>点我</v></c></row></sheetData>")),
        "公式");
  }
}
