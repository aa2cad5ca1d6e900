package cn.yuhao.care.survey;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.survey.SurveyService.Question;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A survey's results within the admin's scope, in total and by district, street or troupe. A group of fewer than
 * {@link #MIN_GROUP} answers shows nothing but that it is suppressed; when only one group would be, the next
 * smallest is too, so that it cannot be worked out as the total less the others. Text answers are only counted.
 */
public final class SurveyResults {
  static final int MIN_GROUP = 5;

  public record QuestionResult(
      String questionId, String kind, long answers, Map<String, Long> counts, Double mean) {}

  public record Group(
      String key,
      String label,
      Long responses,
      boolean suppressed,
      List<QuestionResult> questions) {}

  /** The results; previous: those of the round this survey repeats, in the same scope and grouping. */
  public record Results(
      String surveyId,
      String title,
      String groupBy,
      int minGroupSize,
      Group total,
      List<Group> groups,
      Round previous) {}

  /** An earlier round's results beside this one's; questions are compared by their ids. */
  public record Round(
      String surveyId, String title, Instant opensAt, Group total, List<Group> groups) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final AuditLog audit;

  public SurveyResults(Jdbi jdbi, RegionService regions, AuditLog audit) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.audit = audit;
  }

  public Results results(Caller admin, long surveyId, String rawGroupBy) {
    String groupBy = rawGroupBy == null ? "DISTRICT" : rawGroupBy;
    String column = switch (groupBy) {
      case "DISTRICT" -> "r.district_code";
      case "STREET" -> "CONCAT(r.district_code, '|', COALESCE(r.street, ''))";
      case "TROUPE" -> "r.troupe_id";
      default -> throw AppException.invalid("groupBy", "应为 DISTRICT、STREET 或 TROUPE");
    };
    return jdbi.inTransaction(h -> {
      SurveyDao dao = new SurveyDao(h);
      SurveyDao.Row survey = SurveyService.visible(dao, admin, surveyId);
      audit.record(h, admin, "survey.results.read", "survey", Long.toString(surveyId), groupBy);
      Round now = round(dao, admin, survey, groupBy, column);
      Round previous = survey.previousId() == null
          ? null
          : dao.find(survey.previousId())
              .filter(p -> p.districtCode() == null || admin.adminScope().reaches(p.districtCode()))
              .map(p -> round(dao, admin, p, groupBy, column))
              .orElse(null);
      return new Results(
          now.surveyId(), now.title(), groupBy, MIN_GROUP, now.total(), now.groups(), previous);
    });
  }

  private Round round(
      SurveyDao dao, Caller admin, SurveyDao.Row survey, String groupBy, String column) {
    long surveyId = survey.id();
    List<Question> questions = SurveyService.questions(survey.questionsJson());
    List<SurveyDao.GroupSize> sizes = dao.groupSizes(surveyId, column, admin.adminScope()).stream()
        .filter(g -> g.group() != null)
        .toList();
    List<SurveyDao.Tally> tallies = dao.tallies(surveyId, column, admin.adminScope());
    List<SurveyDao.Tally> answered = dao.answered(surveyId, column, admin.adminScope());
    Map<String, String> labels = "TROUPE".equals(groupBy)
        ? dao.troupeNames(sizes.stream().map(SurveyDao.GroupSize::group).toList())
        : Map.of();
    long all = sizes.stream().mapToLong(SurveyDao.GroupSize::n).sum();
    List<String> hidden = suppressed(sizes);
    List<Group> groups = new ArrayList<>();
    for (SurveyDao.GroupSize g : sizes) {
      groups.add(group(
          g.group(),
          label(groupBy, g.group(), labels),
          g.n(),
          hidden.contains(g.group()),
          questions,
          tallies.stream().filter(t -> g.group().equals(t.group())).toList(),
          answered.stream().filter(t -> g.group().equals(t.group())).toList()));
    }
    groups.sort(Comparator.comparing(Group::key));
    Group total = group(null, "合计", all, all < MIN_GROUP, questions, tallies, answered);
    return new Round(Long.toString(surveyId), survey.title(), survey.opensAt(), total, groups);
  }

  /** Groups below the minimum, and the next smallest when exactly one is (primary and secondary suppression). */
  static List<String> suppressed(List<SurveyDao.GroupSize> sizes) {
    List<String> hidden = new ArrayList<>(sizes.stream()
        .filter(g -> g.n() < MIN_GROUP)
        .map(SurveyDao.GroupSize::group)
        .toList());
    if (hidden.size() == 1 && sizes.size() > 1) {
      sizes.stream()
          .filter(g -> !hidden.contains(g.group()))
          .min(Comparator.comparingLong(SurveyDao.GroupSize::n))
          .ifPresent(g -> hidden.add(g.group()));
    }
    return hidden;
  }

  private String label(String groupBy, String key, Map<String, String> troupes) {
    return switch (groupBy) {
      case "DISTRICT" -> regions.districtName(key);
      case "STREET" -> {
        String[] k = key.split("\\|", -1);
        yield regions.districtName(k[0]) + (k[1].isEmpty() ? "（未分街道）" : " " + k[1]);
      }
      default -> troupes.getOrDefault(key, "团队 " + key);
    };
  }

  private static Group group(
      String key,
      String label,
      long n,
      boolean suppressed,
      List<Question> questions,
      List<SurveyDao.Tally> tallies,
      List<SurveyDao.Tally> answered) {
    if (suppressed) {
      return new Group(key, label, null, true, List.of());
    }
    List<QuestionResult> out = new ArrayList<>();
    for (Question q : questions) {
      long answers = answered.stream()
          .filter(t -> t.questionId().equals(q.id()))
          .mapToLong(SurveyDao.Tally::n)
          .sum();
      out.add(question(
          q,
          answers,
          tallies.stream().filter(t -> t.questionId().equals(q.id())).toList()));
    }
    return new Group(key, label, n, false, out);
  }

  private static QuestionResult question(Question q, long answers, List<SurveyDao.Tally> tallies) {
    Map<String, Long> counts = new LinkedHashMap<>();
    switch (q.kind()) {
      case "SINGLE", "MULTIPLE" -> q.options().forEach(o -> counts.put(o.id(), 0L));
      case "RATING" -> {
        for (int r = 1; r <= 5; r++) {
          counts.put(Integer.toString(r), 0L);
        }
      }
      default -> {}
    }
    long ratingSum = 0;
    for (SurveyDao.Tally t : tallies) {
      String k = "RATING".equals(q.kind()) ? String.valueOf(t.rating()) : t.choice();
      if (counts.containsKey(k)) {
        counts.merge(k, t.n(), Long::sum);
      }
      if ("RATING".equals(q.kind()) && t.rating() != null) {
        ratingSum += t.rating() * t.n();
      }
    }
    Double mean = "RATING".equals(q.kind()) && answers > 0
        ? Math.round(ratingSum * 100.0 / answers) / 100.0
        : null;
    return new QuestionResult(
        q.id(), q.kind(), answers, "TEXT".equals(q.kind()) ? null : counts, mean);
  }
}
