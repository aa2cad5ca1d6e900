package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The children whose plan needs attention, for supervisors and admins in scope: an approved plan past its
 * review date, or a child flagged HIGH_RISK more than HIGH_RISK_PLAN_DAYS ago without a plan approved since.
 */
public final class PlanAttention {
  public record Item(String childId, String childName, String reason, Instant since) {}

  public record Page(
      int highRiskPlanDays,
      int reviewsOverdue,
      int highRiskWithoutPlan,
      List<Item> items,
      String nextCursor) {}

  /** The two figures, for the dashboard. */
  public record Figures(int reviewsOverdue, int highRiskWithoutPlan) {}

  private final Jdbi jdbi;
  private final int highRiskPlanDays;
  private final Clock clock;

  public PlanAttention(Jdbi jdbi, int highRiskPlanDays, Clock clock) {
    this.jdbi = jdbi;
    this.highRiskPlanDays = highRiskPlanDays;
    this.clock = clock;
  }

  public Page list(Caller reader, String districtCode, long cursor, int limit) {
    LocalDate today = clock.instant().atZone(PlanService.CHONGQING).toLocalDate();
    Instant flagged = clock.instant().minus(Duration.ofDays(highRiskPlanDays));
    return jdbi.withHandle(h -> {
      PlanDao dao = new PlanDao(h);
      List<PlanDao.Attention> rows =
          dao.attention(reader.adminScope(), districtCode, today, flagged, cursor, limit + 2);
      List<PlanDao.Attention> page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
      String next = null;
      if (rows.size() > limit) {
        // A child may have two rows: a page never ends between them.
        long cut = rows.get(limit).childId();
        if (page.size() > 1 && page.get(page.size() - 1).childId() == cut) {
          page.removeIf(r -> r.childId() == cut);
        }
        next = Long.toString(page.get(page.size() - 1).childId());
      }
      return new Page(
          highRiskPlanDays,
          dao.count(reader.adminScope(), districtCode, "REVIEW_OVERDUE", today, flagged),
          dao.count(reader.adminScope(), districtCode, "HIGH_RISK_NO_PLAN", today, flagged),
          page.stream()
              .map(r -> new Item(Long.toString(r.childId()), r.childName(), r.reason(), r.since()))
              .toList(),
          next);
    });
  }

  /** The two counts for a scope (the dashboard's filter). */
  public Figures figures(Scope scope, String districtCode) {
    LocalDate today = clock.instant().atZone(PlanService.CHONGQING).toLocalDate();
    Instant flagged = clock.instant().minus(Duration.ofDays(highRiskPlanDays));
    return jdbi.withHandle(h -> {
      PlanDao dao = new PlanDao(h);
      return new Figures(
          dao.count(scope, districtCode, "REVIEW_OVERDUE", today, flagged),
          dao.count(scope, districtCode, "HIGH_RISK_NO_PLAN", today, flagged));
    });
  }
}
