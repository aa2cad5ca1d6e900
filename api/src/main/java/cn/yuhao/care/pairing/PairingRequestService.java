package cn.yuhao.care.pairing;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A volunteer asks to pair with a child she was shown (anonymised) among her suggestions; the district admin
 * approves, which creates the ONE_TO_ONE pairing with every check of a pairing, or declines with a reason.
 */
public final class PairingRequestService {
  public record RequestInput(String ref, String message) {}

  /** The volunteer's own view: the alias she was shown, never the child's identity before approval. */
  public record MyRequest(
      String id,
      String alias,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason) {}

  public record AdminRequest(
      String id,
      String childId,
      String childName,
      String volunteerId,
      String volunteerName,
      String districtCode,
      String street,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason,
      String pairingId) {}

  public record Page(List<AdminRequest> items, String nextCursor) {}

  private record Row(
      long id,
      long childId,
      String childName,
      long volunteerId,
      String volunteerName,
      String districtCode,
      String street,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason,
      Long pairingId) {}

  private static final String COLUMNS = """
      r.id, r.child_id, c.name AS child_name, r.volunteer_id, v.real_name AS volunteer_name, r.district_code,
      r.street, r.status, r.message, r.created_at, r.decided_at, r.decline_reason, r.pairing_id
        FROM pairing_requests r JOIN children c ON c.id = r.child_id JOIN volunteers v ON v.id = r.volunteer_id
      """;

  private final Jdbi jdbi;
  private final PairingService pairings;
  private final MatchingService matching;
  private final AuditLog audit;
  private final Clock clock;

  public PairingRequestService(
      Jdbi jdbi, PairingService pairings, MatchingService matching, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.pairings = pairings;
    this.matching = matching;
    this.audit = audit;
    this.clock = clock;
  }

  public MyRequest request(Caller caller, RequestInput in) {
    new Fields()
        .require("ref", in.ref())
        .maxLength("ref", in.ref(), 200)
        .maxLength("message", in.message(), 200)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      PairingDao dao = new PairingDao(h);
      PairingDao.Volunteer me = dao.volunteerOfUser(caller.userId())
          .filter(v -> "ADMITTED".equals(v.status()))
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的爱心妈妈可以申请结对"));
      long childId = matching.childOfRef(me.id(), in.ref());
      PairingDao.Child child = dao.childInScopeForUpdate(childId, Scope.ALL)
          .orElseThrow(() -> AppException.notFound("儿童"));
      boolean waiting = "ACTIVE".equals(child.status())
          && "ONE_TO_ONE".equals(child.careLevel())
          && child.districtCode().equals(me.districtCode())
          && !dao.hasActivePrimary(childId)
          && dao.currentConsent(childId).isPresent();
      if (!waiting) {
        throw new AppException(ErrorCode.CONFLICT, "该儿童已不在待结对名单中");
      }
      if (dao.activeLoad(me.id()) >= me.maxChildren()) {
        throw new AppException(
            ErrorCode.CAPACITY_EXCEEDED, "您已结对 " + me.maxChildren() + " 名儿童，达到您填报的上限");
      }
      String key = childId + ":" + me.id();
      if (h.createQuery("SELECT COUNT(*) FROM pairing_requests WHERE pending_key = :k")
              .bind("k", key)
              .mapTo(Integer.class)
              .one()
          > 0) {
        throw new AppException(ErrorCode.DUPLICATE, "您已申请与这名儿童结对，请等待审核");
      }
      long id = Ids.next();
      h.createUpdate("""
              INSERT INTO pairing_requests (id, child_id, volunteer_id, district_code, street, status, pending_key,
                                            message, created_at)
              VALUES (:id, :c, :v, :d, :s, 'PENDING', :k, :m, :now)""")
          .bind("id", id)
          .bind("c", childId)
          .bind("v", me.id())
          .bind("d", child.districtCode())
          .bind("s", child.street())
          .bind("k", key)
          .bind("m", blankToNull(in.message()))
          .bind("now", clock.instant())
          .execute();
      audit.record(h, caller, "pairing.request", "pairing_request", Long.toString(id), null);
      return mine(find(h, id, Scope.ALL, false).orElseThrow());
    });
  }

  public List<MyRequest> mine(Caller caller) {
    return jdbi.withHandle(h -> {
      Optional<PairingDao.Volunteer> me = new PairingDao(h).volunteerOfUser(caller.userId());
      if (me.isEmpty()) {
        return List.of();
      }
      return h
          .createQuery(
              "SELECT " + COLUMNS + " WHERE r.volunteer_id = :v ORDER BY r.id DESC LIMIT 100")
          .bind("v", me.get().id())
          .map(PairingRequestService::row)
          .list()
          .stream()
          .map(this::mine)
          .toList();
    });
  }

  public Page list(Caller admin, String status, long before, int limit) {
    if (status != null && !Set.of("PENDING", "APPROVED", "DECLINED").contains(status)) {
      throw AppException.invalid("status", "状态应为 PENDING、APPROVED 或 DECLINED");
    }
    List<Row> rows = jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT " + COLUMNS + """
           WHERE <scope> AND (:status IS NULL OR r.status = :status) AND r.id < :before
           ORDER BY r.id DESC LIMIT :limit""")
          .bind("status", status)
          .bind("before", before)
          .bind("limit", limit + 1);
      return ScopeFilter.apply(q, "r", admin.adminScope())
          .map(PairingRequestService::row)
          .list();
    });
    List<AdminRequest> items =
        rows.stream().limit(limit).map(PairingRequestService::admin).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  public AdminRequest approve(Caller admin, String rawId) {
    long id = Ids.parseOr(rawId, -1);
    return jdbi.inTransaction(h -> {
      Row r = pending(h, admin, id);
      long pairingId = pairings.createIn(
          h,
          admin,
          new PairingService.PairingInput(
              Long.toString(r.childId()),
              Long.toString(r.volunteerId()),
              null,
              "ONE_TO_ONE",
              null,
              "志愿者申请结对"),
          "CARE");
      Instant now = clock.instant();
      h.createUpdate("""
              UPDATE pairing_requests SET status = 'APPROVED', pending_key = NULL, decided_at = :now, decided_by = :by,
                     pairing_id = :p WHERE id = :id""")
          .bind("id", id)
          .bind("now", now)
          .bind("by", admin.userId())
          .bind("p", pairingId)
          .execute();
      // The child is paired now: other volunteers' requests for her are answered, not left hanging.
      h.createUpdate("""
              UPDATE pairing_requests SET status = 'DECLINED', pending_key = NULL, decided_at = :now, decided_by = :by,
                     decline_reason = '该儿童已与其他志愿者结对' WHERE child_id = :c AND status = 'PENDING'""")
          .bind("c", r.childId())
          .bind("now", now)
          .bind("by", admin.userId())
          .execute();
      audit.record(
          h,
          admin,
          "pairing.request.approve",
          "pairing_request",
          Long.toString(id),
          "pairing " + pairingId);
      return admin(find(h, id, admin.adminScope(), false).orElseThrow());
    });
  }

  public AdminRequest decline(Caller admin, String rawId, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 500).throwIfAny();
    long id = Ids.parseOr(rawId, -1);
    return jdbi.inTransaction(h -> {
      pending(h, admin, id);
      h.createUpdate("""
              UPDATE pairing_requests SET status = 'DECLINED', pending_key = NULL, decided_at = :now, decided_by = :by,
                     decline_reason = :reason WHERE id = :id""")
          .bind("id", id)
          .bind("now", clock.instant())
          .bind("by", admin.userId())
          .bind("reason", reason.trim())
          .execute();
      audit.record(
          h, admin, "pairing.request.decline", "pairing_request", Long.toString(id), reason);
      return admin(find(h, id, admin.adminScope(), false).orElseThrow());
    });
  }

  private static Row pending(Handle h, Caller admin, long id) {
    Row r = find(h, id, admin.adminScope(), true).orElseThrow(() -> AppException.notFound("结对申请"));
    if (!admin.adminScope().coversDistrict(r.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以审核结对申请");
    }
    if (!"PENDING".equals(r.status())) {
      throw new AppException(ErrorCode.PAIRING_STATE, "该申请已处理");
    }
    return r;
  }

  private static Optional<Row> find(Handle h, long id, Scope scope, boolean forUpdate) {
    var q = h.createQuery("SELECT " + COLUMNS + " WHERE r.id = :id AND <scope>"
            + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id);
    return ScopeFilter.apply(q, "r", scope).map(PairingRequestService::row).findOne();
  }

  private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    long pairing = rs.getLong("pairing_id");
    Long pairingId = rs.wasNull() ? null : pairing;
    return new Row(
        rs.getLong("id"),
        rs.getLong("child_id"),
        rs.getString("child_name"),
        rs.getLong("volunteer_id"),
        rs.getString("volunteer_name"),
        rs.getString("district_code"),
        rs.getString("street"),
        rs.getString("status"),
        rs.getString("message"),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "decided_at", ctx),
        rs.getString("decline_reason"),
        pairingId);
  }

  private MyRequest mine(Row r) {
    return new MyRequest(
        Long.toString(r.id()),
        matching.alias(r.childId()),
        r.status(),
        r.message(),
        r.createdAt(),
        r.decidedAt(),
        r.declineReason());
  }

  private static AdminRequest admin(Row r) {
    return new AdminRequest(
        Long.toString(r.id()),
        Long.toString(r.childId()),
        r.childName(),
        Long.toString(r.volunteerId()),
        r.volunteerName(),
        r.districtCode(),
        r.street(),
        r.status(),
        r.message(),
        r.createdAt(),
        r.decidedAt(),
        r.declineReason(),
        r.pairingId() == null ? null : Long.toString(r.pairingId()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
