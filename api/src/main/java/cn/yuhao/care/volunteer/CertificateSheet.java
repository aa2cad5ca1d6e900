package cn.yuhao.care.volunteer;

import cn.yuhao.care.print.PdfDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The 志愿服务记录证明 as an A4 PDF: who, where, the period and hours, the hours by year and kind, the number, the
 * issue date, and a QR code of the public check's address.
 */
final class CertificateSheet {
  private static final float LEFT = 60;
  private static final float WIDTH = 475;
  private static final String ISSUER = "重庆市妇女联合会“渝好关爱”平台";

  private CertificateSheet() {}

  /** One line of the hours table. */
  record Row(String year, String kind, int times, BigDecimal hours) {}

  static byte[] render(
      String name,
      String maskedPhone,
      String place,
      ServiceRecordDao.Certificate c,
      int stars,
      List<Row> rows,
      String checkUrl) {
    try (PdfDoc pdf = PdfDoc.create()) {
      try (PDPageContentStream cs = pdf.page()) {
        pdf.centred(cs, 22, "志愿服务记录证明", LEFT, WIDTH, 760);
        pdf.centred(cs, 11, "重庆市“渝好”关爱行动", LEFT, WIDTH, 736);
        String period = c.servedFrom() == null
            ? "尚无经核实的服务记录"
            : "自 " + c.servedFrom() + " 至 " + c.servedTo() + "，经核实累计参加志愿服务 " + plain(c.hours())
                + " 小时";
        float y = pdf.paragraph(
            cs,
            12,
            "兹证明 " + name + "（手机号 " + maskedPhone + "）系" + place + "注册志愿者（爱心妈妈），" + period
                + "，当前星级 " + stars + " 星。服务时长明细如下：",
            LEFT,
            WIDTH,
            690,
            20);
        y -= 8;
        float[] cols = {LEFT, LEFT + 90, LEFT + 270, LEFT + 370};
        String[] head = {"年度", "类别", "次数", "时长（小时）"};
        for (int i = 0; i < head.length; i++) {
          pdf.text(cs, 11, head[i], cols[i], y);
        }
        cs.setLineWidth(0.5f);
        cs.moveTo(LEFT, y - 6);
        cs.lineTo(LEFT + WIDTH, y - 6);
        cs.stroke();
        for (Row r : rows) {
          y -= 20;
          if (y < 240) {
            pdf.text(cs, 10, "（其余记录略，详见平台服务记录）", LEFT, y);
            break;
          }
          pdf.text(cs, 11, r.year(), cols[0], y);
          pdf.text(cs, 11, r.kind(), cols[1], y);
          pdf.text(cs, 11, Integer.toString(r.times()), cols[2], y);
          pdf.text(cs, 11, plain(r.hours()), cols[3], y);
        }
        y -= 26;
        pdf.text(cs, 11, "合计：" + plain(c.hours()) + " 小时", LEFT, y);
        pdf.text(cs, 11, "证明编号：" + c.number(), LEFT, 200);
        pdf.text(cs, 11, "签发日期：" + c.issuedOn(), LEFT, 180);
        pdf.text(cs, 11, "签发单位：" + ISSUER, LEFT, 160);
        pdf.paragraph(
            cs,
            9,
            "本证明依据平台中经签到码核验或经督导审核的服务记录生成。扫描右侧二维码或访问 " + checkUrl + " 可查验真伪。",
            LEFT,
            330,
            130,
            14);
        pdf.qr(cs, checkUrl, LEFT + WIDTH - 110, 110, 110);
      }
      return pdf.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String plain(BigDecimal hours) {
    return hours.stripTrailingZeros().toPlainString();
  }
}
