package cn.yuhao.care.casefile;

import cn.yuhao.care.casefile.ChildFileService.ChildFile;
import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.Plans;
import cn.yuhao.care.print.PdfDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The printable 档案 of one child for the district's archive (A4, the embedded Chinese font): every section of the
 * file in order, the ledger as masked (identity number, address and phones never printed in full).
 */
final class ChildFileSheet {
  private static final float LEFT = 50;
  private static final float WIDTH = 495;
  private static final float TOP = 790;
  private static final float BOTTOM = 60;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));
  private static final Map<String, String> STATUS = Map.ofEntries(
      Map.entry("ACTIVE", "进行中"),
      Map.entry("ENDED", "已结束"),
      Map.entry("OPEN", "待处理"),
      Map.entry("RESOLVED", "已办结"),
      Map.entry("REPORTED", "已报告"),
      Map.entry("ACKNOWLEDGED", "已受理"),
      Map.entry("REFERRED", "已移交"),
      Map.entry("CLOSED", "已关闭"),
      Map.entry("SENT", "已移交"),
      Map.entry("RECEIVED", "已接收"),
      Map.entry("ACTING", "办理中"),
      Map.entry("DONE", "已反馈结果"),
      Map.entry("WAIVED", "已注明原因"),
      Map.entry("APPROVED", "已审批"),
      Map.entry("DRAFT", "草稿"),
      Map.entry("SUBMITTED", "待审批"),
      Map.entry("RETURNED", "已退回"));

  private final PdfDoc pdf;
  private PDPageContentStream cs;
  private float y;

  private ChildFileSheet(PdfDoc pdf) {
    this.pdf = pdf;
  }

  static byte[] render(ChildFile f) {
    try (PdfDoc pdf = PdfDoc.create()) {
      ChildFileSheet s = new ChildFileSheet(pdf);
      s.newPage();
      s.write(f);
      s.cs.close();
      return pdf.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(ChildFile f) throws IOException {
    var c = f.child();
    pdf.centred(cs, 20, "儿童关爱档案（一人一档）", LEFT, WIDTH, y);
    y -= 22;
    pdf.centred(cs, 9, "打印于 " + day(f.asOf()) + "　身份证号、住址、电话已遮蔽　仅供区县存档", LEFT, WIDTH, y);
    y -= 28;
    heading("基本信息");
    line("姓名：" + c.name() + "　性别：" + c.gender() + "　年龄：" + c.age() + " 岁　状态：" + c.status());
    line("身份证号：" + c.idNumber() + "　所在：" + c.districtCode() + " " + text(c.street()));
    line("类别：" + c.category() + "　关爱等级：" + c.careLevel() + "　风险标记："
        + String.join("、", c.riskFlags()));
    line("需求：" + String.join("、", c.needs()) + "　学校：" + text(c.school()) + "　住址："
        + text(c.address()));
    heading("监护人与同意");
    for (var g : c.guardians()) {
      line(g.name() + "（" + g.relation() + "）电话 " + g.phone());
    }
    for (var k : f.consents().items()) {
      line(day(k.signedAt()) + " " + k.guardianName() + " " + k.method() + " 版本 " + k.version()
          + (k.current() ? "（有效）" : "（已撤回：" + text(k.withdrawReason()) + "）")
          + (k.attachments().isEmpty() ? "" : "　扫描件 " + k.attachments().size() + " 份"));
    }
    heading("结对");
    for (var p : f.pairings()) {
      line(day(p.startedAt()) + " 起　" + p.mode() + "　" + label(p.status())
          + (p.endedAt() == null ? "" : "　" + day(p.endedAt()) + " 结束（" + text(p.endReason()) + "）")
          + "　志愿者：" + text(p.volunteers()));
    }
    heading("关爱记录（6+1）");
    for (var r : f.care()) {
      line(day(r.occurredAt()) + "　" + careKind(r.kind()) + "　" + r.way() + "　" + r.authorName()
          + "：" + r.summary()
          + (r.attachments().isEmpty() ? "" : "（照片 " + r.attachments().size() + " 张）"));
    }
    heading("督导跟进");
    for (var u : f.followUps()) {
      line(day(u.requestedAt()) + "　" + u.request() + "　" + label(u.status())
          + (u.resolution() == null ? "" : "：" + u.resolution()));
    }
    heading("强制报告与转介");
    for (var r : f.reports()) {
      line(day(r.createdAt()) + "　" + r.category() + "（" + r.severity() + "）　" + label(r.status())
          + (r.outcome() == null ? "" : "　结果：" + r.outcome()));
      for (var x : r.referrals()) {
        line("　移交 " + x.unit() + "：" + label(x.status())
            + (x.outcome() == null ? "" : "，" + x.outcome())
            + (x.waiveReason() == null ? "" : "，" + x.waiveReason()));
      }
    }
    heading("欢唱团 / 欢跑团");
    for (var t : f.troupes()) {
      line(t.name() + "　" + day(t.joinedAt()) + " 加入　出勤 " + t.present() + " 次，缺勤 " + t.absent()
          + " 次");
      for (var a : t.assessments()) {
        line(
            "　" + a.assessedOn() + " " + a.instrument() + "（" + a.phase() + "）均分 " + a.meanScore());
      }
    }
    heading("关爱计划（一策）");
    plan("现行计划", f.plan().current());
    plan("修订中", f.plan().draft());
  }

  private void plan(String title, Plans.Plan p) throws IOException {
    if (p == null) {
      return;
    }
    line(title + "：" + label(p.status()) + "　回顾日期 " + p.reviewDue());
    line("需求：" + String.join("、", p.needs()));
    for (int i = 0; i < p.goals().size(); i++) {
      line("目标 " + (i + 1) + "：" + p.goals().get(i).text());
    }
    for (var a : p.actions()) {
      line("　措施（目标 " + (a.goal() + 1) + "）：" + a.what() + "　负责：" + a.who() + "　完成：" + a.due());
    }
    for (var r : p.reviews()) {
      line("回顾 " + day(r.reviewedAt()) + "："
          + String.join(
              "；",
              r.progress().stream()
                  .map(g -> "目标 " + (g.goal() + 1) + " " + g.status()
                      + (g.note() == null ? "" : " " + g.note()))
                  .toList()));
    }
  }

  private void heading(String title) throws IOException {
    room(40);
    y -= 8;
    pdf.text(cs, 13, title, LEFT, y);
    cs.setLineWidth(0.5f);
    cs.moveTo(LEFT, y - 5);
    cs.lineTo(LEFT + WIDTH, y - 5);
    cs.stroke();
    y -= 22;
  }

  private void line(String s) throws IOException {
    int lines = 1 + (int) (pdf.width(s, 10) / WIDTH);
    room(lines * 15f);
    y = pdf.paragraph(cs, 10, s, LEFT, WIDTH, y, 15);
  }

  private void room(float needed) throws IOException {
    if (y - needed < BOTTOM) {
      cs.close();
      newPage();
    }
  }

  private void newPage() throws IOException {
    cs = pdf.page();
    y = TOP;
  }

  private static String careKind(String kind) {
    return Arrays.stream(CareItem.values())
        .filter(i -> i.name().equals(kind))
        .map(CareItem::label)
        .findFirst()
        .orElse("自由走访");
  }

  private static String label(String status) {
    return STATUS.getOrDefault(status, status);
  }

  private static String day(Instant t) {
    return t == null ? "" : DAY.format(t);
  }

  private static String text(String s) {
    return s == null ? "—" : s;
  }
}
