package cn.yuhao.care.child;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports the civil-affairs ledger (.xlsx, header row in Chinese, the template's column order or any order).
 * Every row is checked exactly as a child registered by hand; rows are de-duplicated by ID number (an existing
 * child is updated, or counted unchanged) and a bad row is reported with its row number and reason and never
 * written. Good rows are written in one transaction, batched; a dry run checks everything and writes nothing.
 */
public final class ChildImportService {
  public record RowError(int row, String field, String message) {}

  public record Report(
      boolean dryRun,
      int total,
      int created,
      int updated,
      int unchanged,
      int rejected,
      List<RowError> errors,
      long elapsedMs) {}

  private record Parsed(int row, ChildService.ChildInput input) {}

  private final Jdbi jdbi;
  private final ChildService children;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter perAdmin;

  /**
   * {@code perAdmin}: imports (dry runs included) an admin may start; a ledger is imported a few times a year, and
   * many calls in a row are someone probing the city's ledger.
   */
  public ChildImportService(
      Jdbi jdbi,
      ChildService children,
      RegionService regions,
      AuditLog audit,
      Clock clock,
      RateLimiter perAdmin) {
    this.perAdmin = perAdmin;
    this.jdbi = jdbi;
    this.children = children;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  /** The empty template: the header row, and a sheet of the accepted values. */
  public byte[] template() {
    return ChildSheet.template();
  }

  public Report importFile(Caller admin, byte[] xlsx, boolean dryRun) {
    perAdmin.acquire(Long.toString(admin.userId()));
    long t0 = System.nanoTime();
    List<Map<Integer, String>> sheet = ChildSheet.read(xlsx);
    if (sheet.isEmpty()) {
      throw AppException.invalid("file", "表格是空的，请使用导入模板");
    }
    Map<String, Integer> columns = ChildSheet.columns(sheet.get(0));
    List<Map<Integer, String>> rows = sheet.subList(1, sheet.size());
    if (rows.size() > ChildSheet.MAX_ROWS) {
      throw AppException.invalid("file", "一次最多导入 " + ChildSheet.MAX_ROWS + " 行，请分批导入");
    }
    List<RowError> errors = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> districtCodes = districtCodes();
    int total = 0;
    for (int i = 0; i < rows.size(); i++) {
      int rowNumber = i + 2; // as Excel numbers it, after the header
      Map<Integer, String> row = rows.get(i);
      if (row.values().stream().allMatch(v -> v == null || v.isBlank())) {
        continue;
      }
      total++;
      try {
        ChildService.ChildInput in = ChildSheet.toInput(row, columns, districtCodes);
        children.validate(in);
        if (!admin.adminScope().coversDistrict(in.districtCode())) {
          throw AppException.invalid("区县", "不在您管辖的区县内");
        }
        Integer first = seen.putIfAbsent(IdNumbers.normalize(in.idNumber()), rowNumber);
        if (first != null) {
          throw AppException.invalid("身份证号", "与第 " + first + " 行的身份证号重复");
        }
        parsed.add(new Parsed(rowNumber, in));
      } catch (AppException e) {
        errors.add(error(rowNumber, e));
      }
    }
    int[] counts = write(admin, parsed, errors, dryRun);
    errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
    return new Report(
        dryRun,
        total,
        counts[0],
        counts[1],
        counts[2],
        total - counts[0] - counts[1] - counts[2],
        errors,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Writes the good rows (unless a dry run): new children batched, existing ones updated when changed. */
  private int[] write(Caller admin, List<Parsed> parsed, List<RowError> errors, boolean dryRun) {
    return jdbi.inTransaction(h -> {
      ChildDao dao = new ChildDao(h);
      Map<String, List<ChildDao.Holder>> existing = new HashMap<>();
      List<String> indexes =
          parsed.stream().map(p -> children.idNumberIndex(p.input().idNumber())).toList();
      for (int i = 0; i < indexes.size(); i += 1000) {
        existing.putAll(dao.holdersByIndex(indexes.subList(i, Math.min(indexes.size(), i + 1000))));
      }
      Instant now = clock.instant();
      List<ChildDao.NewChild> fresh = new ArrayList<>();
      int updated = 0;
      int unchanged = 0;
      for (int i = 0; i < parsed.size(); i++) {
        Parsed p = parsed.get(i);
        List<ChildDao.Holder> holders = existing.getOrDefault(indexes.get(i), List.of());
        ChildDao.Holder mine = holders.stream()
            .filter(o -> admin.adminScope().coversDistrict(o.districtCode()))
            .findFirst()
            .orElse(null);
        if (mine == null) {
          // New to her ledger. Held by another district: flagged for the city, answered as any new
          // child is.
          ChildService.ChildInput in = ChildService.withDefaults(p.input());
          Long duplicateOf = holders.isEmpty() ? null : holders.get(0).id();
          long id = Ids.next();
          fresh.add(new ChildDao.NewChild(
              id, children.values(in).withDuplicateOf(duplicateOf), children.guardianValues(in)));
          if (duplicateOf != null && !dryRun) {
            audit.record(
                h,
                admin,
                "child.duplicate",
                "child",
                Long.toString(id),
                "与另一区县台账中的儿童身份证号相同，待市妇联核实");
          }
          continue;
        }
        long id = mine.id();
        ChildRow row = dao.findInScope(id, admin.adminScope(), true).orElseThrow();
        ChildService.ChildInput current = children.current(dao, row);
        ChildService.ChildInput merged = ChildService.merge(current, p.input());
        if (Objects.equals(merged, current)) {
          unchanged++;
        } else {
          updated++;
          if (!dryRun) {
            dao.update(id, children.values(merged), now);
            children.counters().childChanged(h, id);
            dao.replaceGuardians(id, false, children.guardianValues(merged), Ids::next);
          }
        }
      }
      if (!dryRun) {
        dao.insertAll(fresh, now, Ids::next);
        children
            .counters()
            .childrenAdded(h, fresh.stream().map(ChildDao.NewChild::id).toList());
        audit.record(
            h,
            admin,
            "child.import",
            "child",
            null,
            "新建 " + fresh.size() + "，更新 " + updated + "，未变 " + unchanged + "，拒绝 " + errors.size());
      }
      return new int[] {fresh.size(), updated, unchanged};
    });
  }

  private Map<String, String> districtCodes() {
    Map<String, String> codes = new HashMap<>();
    for (Region r : regions.districts()) {
      codes.put(r.name(), r.code());
      codes.put(r.code(), r.code());
    }
    return codes;
  }

  /** A row's first problem, named by the template's column where the API names a field. */
  private static RowError error(int row, AppException e) {
    if (e.fields() != null && !e.fields().isEmpty()) {
      var f = e.fields().get(0);
      String column = switch (f.field().replaceAll("^guardians\\[0\\]\\.", "guardian.")) {
        case "name" -> "姓名";
        case "gender" -> "性别";
        case "birthDate" -> "出生日期";
        case "idNumber" -> "身份证号";
        case "districtCode" -> "区县";
        case "street" -> "街道";
        case "category" -> "儿童类别";
        case "needs" -> "关爱需求";
        case "careLevel" -> "关爱等级";
        case "riskFlags" -> "风险标记";
        case "school" -> "学校";
        case "schoolEntryYear" -> "入学年份";
        case "address" -> "家庭住址";
        case "location" -> "纬度/经度";
        case "guardian.name" -> "监护人姓名";
        case "guardian.relation" -> "监护人关系";
        case "guardian.phone" -> "监护人电话";
        default -> f.field();
      };
      String more = e.fields().size() > 1 ? "（另有 " + (e.fields().size() - 1) + " 处问题）" : "";
      return new RowError(row, column, f.message() + more);
    }
    if (e.error() == ErrorCode.DUPLICATE) {
      return new RowError(row, "身份证号", e.getMessage());
    }
    return new RowError(row, null, e.getMessage());
  }
}
