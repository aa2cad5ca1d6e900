package cn.yuhao.care.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.support.ApiTest;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class BadgeSheetApiTest extends ApiTest {

  @Test
  void the_badge_sheet_prints_every_current_badge_with_its_qr_alias_and_troupe_name()
      throws Exception {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "SINGING", "测试：胸卡打印");
    for (int i = 0; i < 13; i++) {
      TroupeApiTest.member(t, 3);
    }
    List<Map<String, String>> badges = api(t.admin().token())
        .get("/api/v1/admin/troupes/{id}/badges", t.id())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
    String name = api(t.admin().token())
        .get("/api/v1/troupes/{id}", t.id())
        .then()
        .extract()
        .path("name");
    byte[] pdf = api(t.admin().token())
        .get("/api/v1/admin/troupes/{id}/badges.pdf", t.id())
        .then()
        .statusCode(200)
        .contentType("application/pdf")
        .extract()
        .asByteArray();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(2, doc.getNumberOfPages()); // 12 cards a page
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains(name), text);
      assertTrue(text.contains("测***"), text);
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
      Result[] codes = new QRCodeMultiReader()
          .decodeMultiple(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
              Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
      Set<String> read = new HashSet<>();
      for (Result r : codes) {
        read.add(r.getText());
      }
      Set<String> expected = new HashSet<>();
      badges.subList(0, 12).forEach(b -> expected.add(b.get("token")));
      assertEquals(expected, read);
    }
    // One card as a PNG: its QR reads back as that child's token; another district's admin finds
    // nothing.
    Map<String, String> first = badges.get(0);
    byte[] png = api(t.admin().token())
        .get("/api/v1/admin/troupes/{id}/badges/{child}.png", t.id(), first.get("childId"))
        .then()
        .statusCode(200)
        .contentType("image/png")
        .extract()
        .asByteArray();
    BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertEquals(480, image.getWidth());
    assertEquals(first.get("token"), cn.yuhao.care.support.QrCodes.read(image));
    raw(fixtures.districtAdmin("500103").token())
        .get("/api/v1/admin/troupes/{id}/badges/{child}.png", t.id(), first.get("childId"))
        .then()
        .statusCode(404);
    raw(t.admin().token())
        .get("/api/v1/admin/troupes/{id}/badges/{child}.png", t.id(), "1")
        .then()
        .statusCode(404);
    api(t.coach().token())
        .get("/api/v1/admin/troupes/{id}/badges.pdf", t.id())
        .then()
        .statusCode(403);
    api(fixtures.districtAdmin(TroupeApiTest.XIUSHAN).token())
        .get("/api/v1/admin/troupes/{id}/badges.pdf", t.id())
        .then()
        .statusCode(404);
  }
}
