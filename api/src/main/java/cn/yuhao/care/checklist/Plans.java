package cn.yuhao.care.checklist;

import cn.yuhao.care.http.Fields;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A plan as written, stored and read, and the checks on what is written. */
public final class Plans {
  static final Set<String> PROGRESS = Set.of("ON_TRACK", "ACHIEVED", "BEHIND", "DROPPED");

  public record Goal(String text) {}

  public record Action(Integer goal, String what, String who, LocalDate due) {}

  public record PlanInput(
      List<String> needs, List<Goal> goals, List<Action> actions, LocalDate reviewDue) {}

  /** What is sealed in care_plans.body_enc. */
  public record Body(List<String> needs, List<Goal> goals, List<Action> actions) {}

  public record Progress(Integer goal, String status, String note) {}

  public record ReviewInput(List<Progress> progress, LocalDate nextReview) {}

  public record Review(
      String id, Instant reviewedAt, List<Progress> progress, LocalDate nextReview) {}

  public record Plan(
      String id,
      String childId,
      String pairingId,
      String status,
      List<String> needs,
      List<Goal> goals,
      List<Action> actions,
      LocalDate reviewDue,
      boolean reviewOverdue,
      Instant writtenAt,
      Instant submittedAt,
      Instant decidedAt,
      String returnReason,
      List<Review> reviews) {}

  /** The plan in force (APPROVED) and the one being written or decided; either is left out when there is none. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Both(Plan current, Plan draft) {}

  private Plans() {}

  static Body body(PlanInput in) {
    return new Body(
        in.needs().stream().map(String::strip).toList(),
        in.goals().stream().map(g -> new Goal(g.text().strip())).toList(),
        in.actions().stream()
            .map(a -> new Action(a.goal(), a.what().strip(), a.who().strip(), a.due()))
            .toList());
  }

  static void validate(PlanInput in, LocalDate today) {
    Fields f = new Fields()
        .require("needs", in.needs())
        .require("goals", in.goals())
        .require("actions", in.actions())
        .require("reviewDue", in.reviewDue());
    f.throwIfAny();
    f.check(in.needs(), between(in.needs().size(), 1, 10), "needs", "需求 1 到 10 条")
        .check(in.goals(), between(in.goals().size(), 1, 10), "goals", "目标 1 到 10 个")
        .check(in.actions(), between(in.actions().size(), 1, 30), "actions", "措施 1 到 30 条")
        .check(
            in.reviewDue(),
            in.reviewDue().isAfter(today) && !in.reviewDue().isAfter(today.plusDays(200)),
            "reviewDue",
            "回顾日期应在今后 200 天内（每学期至少一次）");
    if (!in.needs().stream().allMatch(n -> text(n, 100))) {
      f.fail("needs", "每条需求 1 到 100 字");
    }
    if (!in.goals().stream().allMatch(g -> g != null && text(g.text(), 200))) {
      f.fail("goals", "每个目标 1 到 200 字");
    }
    if (!in.actions().stream().allMatch(a -> action(a, in.goals().size(), today))) {
      f.fail("actions", "每条措施要对应一个目标（goal 为目标的序号，从 0 起），写明做什么、谁负责、何时完成（不早于今天）");
    }
    f.throwIfAny();
  }

  static void validate(ReviewInput in, int goals, LocalDate today) {
    Fields f =
        new Fields().require("progress", in.progress()).require("nextReview", in.nextReview());
    f.throwIfAny();
    f.check(
            in.progress(),
            in.progress().size() == goals
                && in.progress().stream()
                        .map(p -> p == null ? null : p.goal())
                        .distinct()
                        .count()
                    == goals,
            "progress",
            "每个目标都要写进展，且各写一次")
        .check(
            in.nextReview(),
            in.nextReview().isAfter(today) && !in.nextReview().isAfter(today.plusDays(200)),
            "nextReview",
            "下次回顾应在今后 200 天内");
    if (!in.progress().stream().allMatch(p -> progress(p, goals))) {
      f.fail("progress", "进展应为 ON_TRACK、ACHIEVED、BEHIND 或 DROPPED，说明 300 字以内");
    }
    f.throwIfAny();
  }

  private static boolean action(Action a, int goals, LocalDate today) {
    return a != null
        && a.goal() != null
        && a.goal() >= 0
        && a.goal() < goals
        && text(a.what(), 200)
        && text(a.who(), 50)
        && a.due() != null
        && !a.due().isBefore(today);
  }

  private static boolean progress(Progress p, int goals) {
    return p != null
        && p.goal() != null
        && p.goal() >= 0
        && p.goal() < goals
        && p.status() != null
        && PROGRESS.contains(p.status())
        && (p.note() == null || p.note().length() <= 300);
  }

  private static boolean between(int n, int min, int max) {
    return n >= min && n <= max;
  }

  private static boolean text(String s, int max) {
    return s != null && !s.isBlank() && s.strip().length() <= max;
  }
}
