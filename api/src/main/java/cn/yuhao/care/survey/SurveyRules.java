package cn.yuhao.care.survey;

import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.survey.SurveyService.Option;
import cn.yuhao.care.survey.SurveyService.Question;
import cn.yuhao.care.survey.SurveyService.SurveyInput;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a survey must be: a known audience and subject, dates that make sense, well-formed questions. */
final class SurveyRules {
  static final Set<String> KINDS = Set.of("SINGLE", "MULTIPLE", "RATING", "TEXT");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,16}");
  static final int MAX_QUESTIONS = 30;

  private final RegionService regions;
  private final Clock clock;

  SurveyRules(RegionService regions, Clock clock) {
    this.regions = regions;
    this.clock = clock;
  }

  void check(SurveyInput in) {
    Fields f = new Fields()
        .require("title", in.title())
        .maxLength("title", in.title(), 64)
        .require("audience", in.audience())
        .check(
            in.audience(),
            in.audience() == null || SurveyService.AUDIENCES.contains(in.audience()),
            "audience",
            "应为 CHILD、GUARDIAN、HEAD_TEACHER、VOLUNTEER 或 COACH")
        .require("subjectKind", in.subjectKind())
        .check(
            in.subjectKind(),
            in.subjectKind() == null || SurveyService.SUBJECT_KINDS.contains(in.subjectKind()),
            "subjectKind",
            "应为 TROUPE、PAIRING 或 DISTRICT")
        .check(
            in.subjectKind(),
            !("CHILD".equals(in.audience()) && "DISTRICT".equals(in.subjectKind())),
            "subjectKind",
            "儿童问卷须针对一个团队或一个结对（由教练或爱心妈妈陪同作答）")
        .check(
            in.districtCode(),
            in.districtCode() == null || regions.isDistrict(in.districtCode()),
            "districtCode",
            "没有这个区县")
        .require("opensAt", in.opensAt())
        .require("closesAt", in.closesAt())
        .require("questions", in.questions());
    if (in.opensAt() != null && in.closesAt() != null) {
      f.check(in.closesAt(), in.closesAt().isAfter(in.opensAt()), "closesAt", "截止时间应晚于开始时间")
          .check(
              in.closesAt(),
              !in.closesAt().isAfter(in.opensAt().plus(SurveyService.LONGEST)),
              "closesAt",
              "一份问卷最长开放一年")
          .check(in.closesAt(), in.closesAt().isAfter(clock.instant()), "closesAt", "截止时间已过")
          .check(
              in.opensAt(),
              in.opensAt().isAfter(clock.instant().minus(Duration.ofDays(1))),
              "opensAt",
              "开始时间不能早于昨天");
    }
    if (in.questions() != null) {
      questions(f, in.questions());
    }
    f.throwIfAny();
  }

  private static void questions(Fields f, List<Question> questions) {
    if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
      f.fail("questions", "请设置 1 到 " + MAX_QUESTIONS + " 道题");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      String at = "questions[" + i + "]";
      if (q == null) {
        f.fail(at, "题目不能为空");
        continue;
      }
      f.require(at + ".id", q.id())
          .check(
              q.id(),
              q.id() == null || ID.matcher(q.id()).matches(),
              at + ".id",
              "题号应为 1–16 位字母、数字或 _")
          .check(q.id(), q.id() == null || ids.add(q.id()), at + ".id", "题号重复")
          .require(at + ".kind", q.kind())
          .check(
              q.kind(),
              q.kind() == null || KINDS.contains(q.kind()),
              at + ".kind",
              "应为 SINGLE、MULTIPLE、RATING 或 TEXT")
          .require(at + ".text", q.text())
          .maxLength(at + ".text", q.text(), 200)
          .maxLength(at + ".childText", q.childText(), 100);
      options(f, at, q);
    }
  }

  private static void options(Fields f, String at, Question q) {
    boolean choice = "SINGLE".equals(q.kind()) || "MULTIPLE".equals(q.kind());
    List<Option> options = q.options() == null ? List.of() : q.options();
    if (!choice) {
      f.check(q.options(), options.isEmpty(), at + ".options", "只有选择题有选项");
      return;
    }
    if (options.size() < 2 || options.size() > 10) {
      f.fail(at + ".options", "选择题应有 2 到 10 个选项");
    }
    Set<String> ids = new HashSet<>();
    for (int j = 0; j < options.size(); j++) {
      Option o = options.get(j);
      String oat = at + ".options[" + j + "]";
      if (o == null) {
        f.fail(oat, "选项不能为空");
        continue;
      }
      f.require(oat + ".id", o.id())
          .check(
              o.id(),
              o.id() == null || ID.matcher(o.id()).matches(),
              oat + ".id",
              "选项编号应为 1–16 位字母、数字或 _")
          .check(o.id(), o.id() == null || ids.add(o.id()), oat + ".id", "选项编号重复")
          .require(oat + ".label", o.label())
          .maxLength(oat + ".label", o.label(), 50);
    }
  }
}
