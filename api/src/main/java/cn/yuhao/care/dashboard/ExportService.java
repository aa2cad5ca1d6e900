package cn.yuhao.care.dashboard;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.ComplianceService;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.RegionService;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledgers (台账) as .xlsx with Chinese headers in the program's column order, streamed: rows are read in pages
 * of {@value #PAGE} by id and written through FastExcel's streaming workbook, so neither the rows nor the file are
 * ever whole in memory. Every export is audited as a bulk read (what, where, how many rows, masked or not);
 * children's and volunteers' identities are masked unless the admin asks to unmask, which is audited as such.
 */
public final class ExportService {
  static final int PAGE = 2000;

  /** A ledger: its path name, its sheet name and whether it holds identities that can be unmasked. */
  public enum Ledger {
    PAIRINGS("pairings", "结对台账", false),
    VOLUNTEERS("volunteers", "志愿者台账", true),
    CHILDREN("children", "儿童台账", true),
    COMPLIANCE("compliance", "6+1落实情况（按街道）", false),
    TROUPES("troupes", "欢唱团欢跑团年报", false),
    REPORTS("reports", "强制报告登记簿", false),
    POINTS("points", "积分兑换（按商户）", false),
    SERVICE_HOURS("service-hours", "志愿服务记录（全国志愿服务信息系统字段）", true);

    final String path;
    final String title;
    final boolean unmaskable;

    Ledger(String path, String title, boolean unmaskable) {
      this.path = path;
      this.title = title;
      this.unmaskable = unmaskable;
    }

    static Ledger of(String path) {
      return Arrays.stream(values())
          .filter(l -> l.path.equals(path))
          .findFirst()
          .orElseThrow(() -> AppException.notFound("台账"));
    }
  }

  /**
   * What to export, checked before a byte is written (afterwards an error can no longer be answered). forEvaluator:
   * every personal field masked, beyond the usual masking (birth dates to the year, no school, address or names of
   * carers, no free text).
   */
  public record Request(
      Ledger ledger,
      String districtCode,
      int year,
      String period,
      boolean unmask,
      boolean forEvaluator) {
    public String filename() {
      return ledger.title + "-" + (districtCode == null ? "全部" : districtCode) + "-"
          + (ledger == Ledger.COMPLIANCE
              ? period
              : ledger == Ledger.TROUPES
                      || ledger == Ledger.REPORTS
                      || ledger == Ledger.POINTS
                      || ledger == Ledger.SERVICE_HOURS
                  ? Integer.toString(year)
                  : "当前")
          + ".xlsx";
    }
  }

  private final Jdbi jdbi;
  private final RegionService regions;
  private final ComplianceService compliance;
  private final ExportSheets sheets;
  private final AuditLog audit;
  private final Clock clock;

  public ExportService(
      Jdbi jdbi,
      RegionService regions,
      ComplianceService compliance,
      FieldCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.compliance = compliance;
    this.sheets = new ExportSheets(regions, cipher, clock);
    this.audit = audit;
    this.clock = clock;
  }

  public Request check(
      Caller admin,
      String ledgerPath,
      String districtCode,
      Integer year,
      String period,
      boolean unmask) {
    Ledger ledger = Ledger.of(ledgerPath);
    Scope scope = admin.adminScope();
    if (districtCode != null && !regions.isDistrict(districtCode)) {
      throw AppException.invalid("districtCode", "区县代码不存在");
    }
    if (districtCode != null && !scope.coversDistrict(districtCode)) {
      throw AppException.notFound("区县");
    }
    if (unmask && admin.evaluating()) {
      throw new AppException(ErrorCode.FORBIDDEN, "第三方评估只能导出脱敏台账");
    }
    if (unmask && !ledger.unmaskable) {
      throw AppException.invalid("unmask", "只有儿童台账、志愿者台账和志愿服务记录有可显示的敏感信息");
    }
    if (ledger == Ledger.COMPLIANCE) {
      compliance.compliance(
          admin, districtCode, null, period); // checks the period before anything is written
    }
    int y = year == null ? CarePeriods.day(clock.instant()).getYear() : year;
    return new Request(ledger, districtCode, y, period, unmask, admin.evaluating());
  }

  /** Writes the ledger to {@code out}; returns the number of rows. */
  public long export(Caller admin, Request r, OutputStream out) {
    long rows = 0;
    boolean complete = false;
    try (ExcelWriter writer = FastExcel.write(out).build()) {
      WriteSheet sheet = FastExcel.writerSheet(0, r.ledger().title)
          .head(ExportSheets.heads(r.ledger()))
          .build();
      if (r.ledger() == Ledger.COMPLIANCE) {
        List<List<Object>> page = complianceRows(admin, r);
        writer.write(page, sheet);
        rows = page.size();
      } else {
        long after = 0;
        while (true) {
          long cursor = after;
          List<ExportDao.Row> page = jdbi.withHandle(h -> page(h, admin.adminScope(), r, cursor));
          if (page.isEmpty()) {
            break;
          }
          writer.write(page.stream().map(ExportDao.Row::cells).toList(), sheet);
          rows += page.size();
          after = page.get(page.size() - 1).id();
        }
        if (rows == 0) {
          writer.write(List.of(), sheet); // the header row alone: an empty ledger is still a ledger
        }
      }
      complete = true;
    } finally {
      long n = rows;
      String detail = (r.districtCode() == null ? "全部可见区县" : r.districtCode()) + "，" + n + " 行，"
          + (r.unmask() ? "含完整身份信息" : r.forEvaluator() ? "评估脱敏" : "已脱敏")
          + (complete ? "" : "，中断");
      audit.recordRead(
          admin, r.unmask() ? "export.unmasked" : "export", "ledger", r.ledger().path, detail);
    }
    return rows;
  }

  private List<ExportDao.Row> page(Handle h, Scope scope, Request r, long after) {
    Instant yearStart =
        LocalDate.of(r.year(), 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant yearEnd =
        LocalDate.of(r.year() + 1, 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    return new ExportDao(h)
        .page(
            r.ledger(),
            scope,
            r.districtCode(),
            yearStart,
            yearEnd,
            clock.instant(),
            after,
            PAGE,
            (rs, ctx) -> sheets.cells(r, rs, ctx));
  }

  private List<List<Object>> complianceRows(Caller admin, Request r) {
    List<List<Object>> rows = new ArrayList<>();
    for (ComplianceService.StreetRow s :
        compliance.compliance(admin, r.districtCode(), null, r.period()).byStreet()) {
      ComplianceService.Counts k = s.counts();
      List<Object> row = new ArrayList<>(Arrays.asList(
          regions.districtName(s.districtCode()),
          ExportSheets.text(s.street()),
          s.pairings(),
          k.owed(),
          k.onTime(),
          k.late(),
          k.missed(),
          ExportSheets.percent(k.onTime(), k.owed())));
      s.byItem().forEach(i -> row.add(i.counts().onTime() + "/" + i.counts().owed()));
      rows.add(row);
    }
    return rows;
  }
}
