package cn.yuhao.care.survey;

import cn.idev.excel.FastExcel;
import cn.yuhao.care.survey.SurveyResults.Group;
import cn.yuhao.care.survey.SurveyResults.QuestionResult;
import cn.yuhao.care.survey.SurveyService.Option;
import cn.yuhao.care.survey.SurveyService.Question;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Survey results as .xlsx: a row per group, question and option (or rating), in Chinese; then the earlier round's
 * total when there is one.
 */
final class SurveySheet {
  private SurveySheet() {}

  static byte[] of(SurveyResults.Results r, List<Question> questions) {
    List<List<Object>> rows = new ArrayList<>();
    rows.addAll(group(r.total(), questions, r.minGroupSize()));
    r.groups().forEach(g -> rows.addAll(group(g, questions, r.minGroupSize())));
    if (r.previous() != null) {
      // The earlier round's total, for the questions this survey shares with it.
      Group p = r.previous().total();
      rows.addAll(group(
          new Group(
              p.key(),
              "上一轮合计（" + r.previous().title() + "）",
              p.responses(),
              p.suppressed(),
              p.questions()),
          questions,
          r.minGroupSize()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var writer = FastExcel.write(out).build()) {
      writer.write(
          rows,
          FastExcel.writerSheet(0, "问卷结果")
              .head(List.of("分组", "答卷数", "题目", "选项", "人数", "平均分").stream()
                  .map(List::of)
                  .toList())
              .build());
    }
    return out.toByteArray();
  }

  private static List<List<Object>> group(Group g, List<Question> questions, int min) {
    if (g.suppressed()) {
      return List.of(List.of(g.label(), "不足 " + min + " 份（或可由合计推算），不显示"));
    }
    Map<String, Question> byId = questions.stream().collect(Collectors.toMap(Question::id, q -> q));
    List<List<Object>> rows = new ArrayList<>();
    for (QuestionResult q : g.questions()) {
      Question question = byId.get(q.questionId());
      if (question == null) {
        continue;
      }
      if (q.counts() == null) {
        rows.add(List.of(g.label(), g.responses(), question.text(), "（简答，只计份数）", q.answers(), ""));
        continue;
      }
      q.counts()
          .forEach((key, n) -> rows.add(List.of(
              g.label(),
              g.responses(),
              question.text(),
              label(question, key),
              n,
              q.mean() == null ? "" : q.mean())));
    }
    return rows;
  }

  private static String label(Question q, String key) {
    if (q.options() == null) {
      return key + " 分";
    }
    return q.options().stream()
        .filter(o -> o.id().equals(key))
        .map(Option::label)
        .findFirst()
        .orElse(key);
  }
}
