package cn.yuhao.care.print;

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
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A PDF being written (PDFBox) with WenQuanYi Micro Hei embedded as a subset, so Chinese text prints on any
 * machine, and QR codes drawn as vector squares, so they print sharp at any size.
 */
public final class PdfDoc implements AutoCloseable {
  private static final String FONT = "/fonts/wqy-microhei.ttc";

  private final PDDocument doc;
  private final TrueTypeCollection fonts;
  private final PDType0Font font;

  private PdfDoc(PDDocument doc, TrueTypeCollection fonts, PDType0Font font) {
    this.doc = doc;
    this.fonts = fonts;
    this.font = font;
  }

  public static PdfDoc create() {
    PDDocument doc = new PDDocument();
    try (InputStream in = PdfDoc.class.getResourceAsStream(FONT)) {
      TrueTypeCollection ttc = new TrueTypeCollection(in);
      TrueTypeFont[] first = new TrueTypeFont[1];
      ttc.processAllFonts(f -> {
        if (first[0] == null) {
          first[0] = f;
        }
      });
      return new PdfDoc(doc, ttc, PDType0Font.load(doc, first[0], true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new A4 page to draw on; close the stream before the next page or {@link #bytes}. */
  public PDPageContentStream page() throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    return new PDPageContentStream(doc, page);
  }

  /** The width of {@code s} at {@code size} points. */
  public float width(String s, float size) throws IOException {
    return font.getStringWidth(s) / 1000 * size;
  }

  public void text(PDPageContentStream cs, float size, String s, float x, float baseline)
      throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, baseline);
    cs.showText(s);
    cs.endText();
  }

  /** {@code s} centred in the box from {@code x} of width {@code w} (kept inside it if too long). */
  public void centred(
      PDPageContentStream cs, float size, String s, float x, float w, float baseline)
      throws IOException {
    text(cs, size, s, x + (w - Math.min(width(s, size), w - 12)) / 2, baseline);
  }

  /**
   * {@code s} wrapped to lines of at most {@code w} points (character by character, as Chinese text breaks),
   * from {@code baseline} down by {@code leading}; returns the baseline after the last line.
   */
  public float paragraph(
      PDPageContentStream cs, float size, String s, float x, float w, float baseline, float leading)
      throws IOException {
    StringBuilder line = new StringBuilder();
    float y = baseline;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String next = line + new String(Character.toChars(cp));
      if (width(next, size) > w && line.length() > 0) {
        text(cs, size, line.toString(), x, y);
        y -= leading;
        line.setLength(0);
      }
      line.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    if (line.length() > 0) {
      text(cs, size, line.toString(), x, y);
      y -= leading;
    }
    return y;
  }

  /** A QR code of {@code content}, {@code size} points square, its lower left corner at (x, y). */
  public void qr(PDPageContentStream cs, String content, float x, float y, float size)
      throws IOException {
    BitMatrix m;
    try {
      m = new QRCodeWriter()
          .encode(
              content,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.MARGIN,
                  0,
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      throw new IllegalStateException("QR code", e);
    }
    float module = size / m.getWidth();
    cs.setNonStrokingColor(0f);
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        if (m.get(col, row)) {
          cs.addRect(x + col * module, y + size - (row + 1) * module, module, module);
        }
      }
    }
    cs.fill();
  }

  /** The document; the font is subset here, so call it before closing. */
  public byte[] bytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    try {
      doc.close();
    } finally {
      fonts.close();
    }
  }
}
