package cn.yuhao.care.troupe;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The printable badge sheet: A4 pages of 3 × 4 cards, each with the badge's QR code (drawn as vector squares,
 * so it prints sharp at any size) and the child's alias and the troupe's name under it, in an embedded subset
 * of WenQuanYi Micro Hei. The QR carries the opaque token only.
 */
final class BadgeSheet {
  private static final int COLUMNS = 3;
  private static final int ROWS = 4;
  private static final float MARGIN = 24;
  private static final float QR_SIZE = 120;
  /** White space above the code, at least the four modules a scanner needs (the frame is drawn there). */
  private static final float QUIET = 26;

  private static final String FONT = "/fonts/wqy-microhei.ttc";

  private BadgeSheet() {}

  static byte[] render(String troupeName, List<RosterService.Badge> badges) {
    try (PDDocument doc = new PDDocument();
        InputStream in = BadgeSheet.class.getResourceAsStream(FONT);
        TrueTypeCollection ttc = new TrueTypeCollection(in)) {
      TrueTypeFont[] first = new TrueTypeFont[1];
      ttc.processAllFonts(f -> {
        if (first[0] == null) {
          first[0] = f;
        }
      });
      PDType0Font font = PDType0Font.load(doc, first[0], true);
      PDRectangle a4 = PDRectangle.A4;
      float cardW = (a4.getWidth() - 2 * MARGIN) / COLUMNS;
      float cardH = (a4.getHeight() - 2 * MARGIN) / ROWS;
      int perPage = COLUMNS * ROWS;
      for (int start = 0; start < Math.max(1, badges.size()); start += perPage) {
        PDPage page = new PDPage(a4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          for (int i = start; i < Math.min(badges.size(), start + perPage); i++) {
            int slot = i - start;
            float x = MARGIN + (slot % COLUMNS) * cardW;
            float y = a4.getHeight() - MARGIN - (slot / COLUMNS + 1) * cardH;
            RosterService.Badge b = badges.get(i);
            // A light cutting frame around the card.
            cs.setStrokingColor(0.75f);
            cs.setLineWidth(0.5f);
            cs.addRect(x + 4, y + 4, cardW - 8, cardH - 8);
            cs.stroke();
            drawQr(cs, b.token(), x + (cardW - QR_SIZE) / 2, y + cardH - QR_SIZE - QUIET);
            text(cs, font, 14, b.alias(), x, cardW, y + 32);
            text(cs, font, 9, troupeName, x, cardW, y + 14);
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out); // subsets the font before the collection is closed
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drawQr(PDPageContentStream cs, String token, float x, float y)
      throws IOException {
    BitMatrix m;
    try {
      m = new QRCodeWriter()
          .encode(
              token,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.MARGIN,
                  0,
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      throw new IllegalStateException("QR code for a badge token", e);
    }
    float module = QR_SIZE / m.getWidth();
    cs.setNonStrokingColor(0f);
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        if (m.get(col, row)) {
          cs.addRect(x + col * module, y + QR_SIZE - (row + 1) * module, module, module);
        }
      }
    }
    cs.fill();
  }

  private static void text(
      PDPageContentStream cs,
      PDType0Font font,
      float size,
      String s,
      float cardX,
      float cardW,
      float baseline)
      throws IOException {
    float width = font.getStringWidth(s) / 1000 * size;
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(cardX + (cardW - Math.min(width, cardW - 12)) / 2, baseline);
    cs.showText(s);
    cs.endText();
  }
}
