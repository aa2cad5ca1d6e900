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
    Map<String, String> districtCodes = districtCodes();
    // Read inside the one transaction, written a chunk at a time: memory holds a chunk, never the
    // sheet. A refusal of the whole file, or any failure, rolls every chunk back.
    Run run = jdbi.inTransaction(h -> {
      Run r = new Run(h, admin, dryRun, districtCodes);
      ChildSheet.stream(xlsx, r::row);
      r.finish();
      return r;
    });
    return new Report(
        dryRun,
        run.total,
        run.created,
        run.updated,
        run.unchanged,
        run.total - run.created - run.updated - run.unchanged,
        run.errors,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** One attempt at an import, in its transaction (a retried transaction starts a new one). */
  private final class Run {
    private static final int CHUNK = 500;
    private final org.jdbi.v3.core.Handle h;
    private final ChildDao dao;
    private final Caller admin;
    private final boolean dryRun;
    private final Map<String, String> districtCodes;
    private final Instant now = clock.instant();
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<ChildService.ChildInput> pending = new ArrayList<>();
    /** In row order: rows are read in order. */
    private final List<RowError> errors = new ArrayList<>();

    private Map<String, Integer> columns;
    private int total;
    private int created;
    private int updated;
    private int unchanged;

    Run(
        org.jdbi.v3.core.Handle h,
        Caller admin,
        boolean dryRun,
        Map<String, String> districtCodes) {
      this.h = h;
      this.dao = new ChildDao(h);
      this.admin = admin;
      this.dryRun = dryRun;
      this.districtCodes = districtCodes;
    }

    void row(int rowNumber, Map<Integer, String> row) {
      if (columns == null) {
        columns = ChildSheet.columns(row);
        return;
      }
      if (row.values().stream().allMatch(v -> v == null || v.isBlank())) {
        return;
      }
      if (++total > ChildSheet.MAX_ROWS) {
        throw AppException.invalid("file", "一次最多导入 " + ChildSheet.MAX_ROWS + " 行，请分批导入");
      }
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
        pending.add(in);
      } catch (AppException e) {
        errors.add(error(rowNumber, e));
      }
      if (pending.size() == CHUNK) {
        writePending();
      }
    }

    void finish() {
      if (columns == null) {
        throw AppException.invalid("file", "表格是空的，请使用导入模板");
      }
      writePending();
      if (!dryRun) {
        audit.record(
            h,
            admin,
            "child.import",
            "child",
            null,
            "新建 " + created + "，更新 " + updated + "，未变 " + unchanged + "，拒绝 " + errors.size());
      }
    }

    /** The chunk's good rows (unless a dry run): new children batched, existing ones updated when changed. */
    private void writePending() {
      List<String> indexes =
          pending.stream().map(p -> children.idNumberIndex(p.idNumber())).toList();
      Map<String, List<ChildDao.Holder>> existing = dao.holdersByIndex(indexes);
      List<ChildDao.NewChild> fresh = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        ChildService.ChildInput p = pending.get(i);
        List<ChildDao.Holder> holders = existing.getOrDefault(indexes.get(i), List.of());
        ChildDao.Holder mine = holders.stream()
            .filter(o -> admin.adminScope().coversDistrict(o.districtCode()))
            .findFirst()
            .orElse(null);
        if (mine == null) {
          fresh.add(newChild(p, holders));
        } else {
          change(mine.id(), p);
        }
      }
      created += fresh.size();
      if (!dryRun && !fresh.isEmpty()) {
        dao.insertAll(fresh, now, Ids::next);
        children
            .counters()
            .childrenAdded(h, fresh.stream().map(ChildDao.NewChild::id).toList());
      }
      pending.clear();
    }

    /**
     * New to her ledger. Held by another district: flagged for the city, answered as any new child is.
     */
    private ChildDao.NewChild newChild(ChildService.ChildInput p, List<ChildDao.Holder> holders) {
      ChildService.ChildInput in = ChildService.withDefaults(p);
      Long duplicateOf = holders.isEmpty() ? null : holders.get(0).id();
      long id = Ids.next();
      if (duplicateOf != null && !dryRun) {
        audit.record(
            h, admin, "child.duplicate", "child", Long.toString(id), "与另一区县台账中的儿童身份证号相同，待市妇联核实");
      }
      return new ChildDao.NewChild(
          id, children.values(in).withDuplicateOf(duplicateOf), children.guardianValues(in));
    }

    private void change(long id, ChildService.ChildInput p) {
      ChildRow row = dao.findInScope(id, admin.adminScope(), true).orElseThrow();
      ChildService.ChildInput current = children.current(dao, row);
      ChildService.ChildInput merged = ChildService.merge(current, p);
      if (Objects.equals(merged, current)) {
        unchanged++;
        return;
      }
      updated++;
      if (!dryRun) {
        dao.update(id, children.values(merged), now);
        children.counters().childChanged(h, id);
        dao.replaceGuardians(id, false, children.guardianValues(merged), Ids::next);
      }
    }
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
