package cn.yuhao.care.audit;

import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HTTP for reading the audit log (city admins only). */
public final class AuditRoutes {
  record EntryView(
      String id,
      Instant at,
      String actorUserId,
      String actorRole,
      String action,
      String targetType,
      String targetId,
      String requestId,
      String detail) {
    static EntryView of(AuditEntry e) {
      return new EntryView(
          Long.toString(e.id()),
          e.at(),
          e.actorUserId() == null ? null : e.actorUserId().toString(),
          e.actorRole(),
          e.action(),
          e.targetType(),
          e.targetId(),
          e.requestId(),
          e.detail());
    }
  }

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void list(Context ctx) {
    int limit = Params.limit(ctx);
    long before = Params.before(ctx);
    String actor = Params.optional(ctx, "actorUserId", 20);
    Long actorId = actor == null ? null : Ids.parseOr(actor, -1);
    if (actorId != null && actorId < 0) {
      throw AppException.invalid("actorUserId", "编号格式不正确");
    }
    List<AuditEntry> rows = audit.find(
        Params.optional(ctx, "targetType", 32),
        Params.optional(ctx, "targetId", 64),
        actorId,
        before,
        limit + 1);
    List<EntryView> items = rows.stream().limit(limit).map(EntryView::of).toList();
    Map<String, Object> body = new HashMap<>();
    body.put("items", items);
    body.put("nextCursor", rows.size() > limit ? items.get(items.size() - 1).id() : null);
    ctx.json(body);
  }
}
