package cn.yuhao.care.survey;

import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.survey.SurveyAnswers.Answer;
import cn.yuhao.care.survey.SurveyService.Option;
import cn.yuhao.care.survey.SurveyService.Question;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One answer against its question: only the field its kind takes, and a value the question offers. */
final class SurveyAnswerRules {
  static final int MAX_TEXT = 300;

  private SurveyAnswerRules() {}

  /** The answer's rows; problems go to {@code f}, which the caller throws once every answer is checked. */
  static List<SurveyDao.Answer> rows(
      Fields f, String at, Question q, Answer a, FieldCipher cipher) {
    Set<String> offered = new LinkedHashSet<>();
    if (q.options() != null) {
      q.options().stream().map(Option::id).forEach(offered::add);
    }
    boolean onlyOne = switch (q.kind()) {
      case "SINGLE" -> a.choices() == null && a.rating() == null && a.text() == null;
      case "MULTIPLE" -> a.choice() == null && a.rating() == null && a.text() == null;
      case "RATING" -> a.choice() == null && a.choices() == null && a.text() == null;
      default -> a.choice() == null && a.choices() == null && a.rating() == null;
    };
    if (!onlyOne) {
      f.fail(at, "这道题只填 " + field(q.kind()));
      return List.of();
    }
    switch (q.kind()) {
      case "SINGLE" -> {
        f.require(at + ".choice", a.choice())
            .check(
                a.choice(),
                a.choice() == null || offered.contains(a.choice()),
                at + ".choice",
                "没有这个选项");
        return a.choice() == null ? List.of() : List.of(row(q, a.choice(), null, null));
      }
      case "MULTIPLE" -> {
        List<String> chosen = a.choices() == null ? List.of() : a.choices();
        f.check(a.choices(), !chosen.isEmpty(), at + ".choices", "请至少选择一项")
            .check(a.choices(), offered.containsAll(chosen), at + ".choices", "有不在选项中的取值")
            .check(
                a.choices(),
                new LinkedHashSet<>(chosen).size() == chosen.size(),
                at + ".choices",
                "选项重复");
        return chosen.stream().distinct().map(c -> row(q, c, null, null)).toList();
      }
      case "RATING" -> {
        f.require(at + ".rating", a.rating())
            .check(
                a.rating(),
                a.rating() == null || (a.rating() >= 1 && a.rating() <= 5),
                at + ".rating",
                "评分应为 1 到 5");
        return a.rating() == null ? List.of() : List.of(row(q, "", a.rating(), null));
      }
      default -> {
        f.require(at + ".text", a.text()).maxLength(at + ".text", a.text(), MAX_TEXT);
        return a.text() == null || a.text().isBlank()
            ? List.of()
            : List.of(row(q, "", null, cipher.encrypt(a.text().strip(), "survey_answers.text")));
      }
    }
  }

  private static String field(String kind) {
    return switch (kind) {
      case "SINGLE" -> "choice";
      case "MULTIPLE" -> "choices";
      case "RATING" -> "rating";
      default -> "text";
    };
  }

  private static SurveyDao.Answer row(Question q, String choice, Integer rating, String textEnc) {
    return new SurveyDao.Answer(q.id(), choice, rating, textEnc);
  }
}
