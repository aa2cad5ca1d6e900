package cn.yuhao.care.troupe;

import cn.yuhao.care.print.PdfDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The printable badge sheet: A4 pages of 3 × 4 cards, each with the badge's QR code (drawn as vector squares,
 * so it prints sharp at any size) and the child's alias and the troupe's name under it ({@link PdfDoc}). The QR
 * carries the opaque token only.
 */
final class BadgeSheet {
  private static final int COLUMNS = 3;
  private static final int ROWS = 4;
  private static final float MARGIN = 24;
  private static final float QR_SIZE = 120;
  /** White space above the code, at least the four modules a scanner needs (the frame is drawn there). */
  private static final float QUIET = 26;

  private BadgeSheet() {}

  static byte[] render(String troupeName, List<RosterService.Badge> badges) {
    try (PdfDoc pdf = PdfDoc.create()) {
      PDRectangle a4 = PDRectangle.A4;
      float cardW = (a4.getWidth() - 2 * MARGIN) / COLUMNS;
      float cardH = (a4.getHeight() - 2 * MARGIN) / ROWS;
      int perPage = COLUMNS * ROWS;
      for (int start = 0; start < Math.max(1, badges.size()); start += perPage) {
        try (PDPageContentStream cs = pdf.page()) {
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
            pdf.qr(cs, b.token(), x + (cardW - QR_SIZE) / 2, y + cardH - QR_SIZE - QUIET, QR_SIZE);
            pdf.centred(cs, 14, b.alias(), x, cardW, y + 32);
            pdf.centred(cs, 9, troupeName, x, cardW, y + 14);
          }
        }
      }
      return pdf.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
