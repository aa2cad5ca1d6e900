package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.survey.SurveyAnswers;
import cn.yuhao.care.survey.SurveyService;
import cn.yuhao.care.survey.SurveyService.Option;
import cn.yuhao.care.survey.SurveyService.Question;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's surveys, from the programme's own forms: the 欢唱团 participants' satisfaction (children, on the
 * coach's phone), guardians' satisfaction with the 爱心妈妈's care, and a 心理团辅 feedback form; with the singing
 * troupe's six children's answers, so the results show, beside last year's round of the same survey.
 */
final class DemoSurveys {
  private static final String SINGING = "欢唱团参与儿童满意度调查";
  private static final String LAST_YEAR = "上年度欢唱团参与儿童满意度调查";
  private static final int[] RATINGS = {5, 4, 5, 3, 5, 4};
  private static final int[] LAST_YEAR_RATINGS = {4, 4, 3, 4, 5, 3};

  private static final List<Question> SINGING_QUESTIONS = List.of(
      rating("q1", "你喜欢参加欢唱团吗", "你喜欢来唱歌吗？"),
      new Question(
          "q2",
          "SINGLE",
          "你最喜欢欢唱团的什么",
          "你最喜欢什么？",
          true,
          List.of(
              new Option("sing", "唱歌"), new Option("show", "上台演出"), new Option("friends", "交朋友"))),
      new Question("q3", "TEXT", "你想对老师说的话", "想对老师说什么？", false, null));

  private static final List<Question> GUARDIAN_QUESTIONS = List.of(
      rating("q1", "您对爱心妈妈的关爱服务总体满意吗", null),
      new Question(
          "q2",
          "SINGLE",
          "爱心妈妈多久联系一次孩子",
          null,
          true,
          List.of(new Option("week", "每周"), new Option("month", "每月"), new Option("rarely", "很少"))),
      new Question(
          "q3",
          "MULTIPLE",
          "孩子有哪些变化",
          null,
          false,
          List.of(
              new Option("study", "学习进步"),
              new Option("mood", "更开朗"),
              new Option("none", "没有明显变化"))),
      new Question("q4", "TEXT", "您的意见和建议", null, false, null));

  private static final List<Question> TUANFU_QUESTIONS = List.of(
      rating("q1", "参加这次团体辅导，你开心吗", "今天开心吗？"),
      rating("q2", "学到的方法对你有用吗", "学到的本领有用吗？"),
      new Question("q3", "TEXT", "你还想参加什么活动", "还想玩什么？", false, null));

  private DemoSurveys() {}

  static void load(App.Services s, Clock clock) {
    if (s.jdbi().withHandle(h -> new DemoDao(h).surveys(DemoData.DISTRICT, SINGING)) > 0) {
      return;
    }
    Caller districtAdmin = DemoData.caller(s, "dev_district_admin");
    Instant now = clock.instant();
    String troupe = s.troupes()
        .list(districtAdmin, "APPROVED", "SINGING", DemoData.DISTRICT, Long.MAX_VALUE, 1)
        .items()
        .get(0)
        .id();
    String pairing =
        s.myPairings().mine(DemoData.caller(s, "dev_volunteer")).get(0).id();
    // Last year's round first, answered by the same six children, then moved a year back.
    String lastYear = create(
        s,
        districtAdmin,
        LAST_YEAR,
        "CHILD",
        "TROUPE",
        now.minus(Duration.ofHours(1)),
        SINGING_QUESTIONS,
        null);
    answerForTheChildren(s, link(s, districtAdmin, lastYear, troupe), troupe, LAST_YEAR_RATINGS);
    s.jdbi().useHandle(h -> new DemoDao(h).surveyLastYear(Long.parseLong(lastYear)));
    String singing =
        create(s, districtAdmin, SINGING, "CHILD", "TROUPE", now, SINGING_QUESTIONS, lastYear);
    String guardians = create(
        s, districtAdmin, "爱心妈妈关爱服务监护人满意度调查", "GUARDIAN", "PAIRING", now, GUARDIAN_QUESTIONS, null);
    create(s, districtAdmin, "心理团辅活动满意度调查", "CHILD", "PAIRING", now, TUANFU_QUESTIONS, null);
    String scene = link(s, districtAdmin, singing, troupe);
    link(s, districtAdmin, guardians, pairing);
    answerForTheChildren(s, scene, troupe, RATINGS);
  }

  /** The coach's phone passed round the six children of the singing troupe. */
  private static void answerForTheChildren(
      App.Services s, String scene, String troupe, int[] ratings) {
    Caller coach = DemoData.caller(s, "dev_coach");
    var members = s.rosters().roster(coach, Long.parseLong(troupe)).members();
    for (int i = 0; i < members.size() && i < ratings.length; i++) {
      s.surveyAnswers()
          .answer(
              coach,
              scene,
              new SurveyAnswers.Response(
                  members.get(i).childId(),
                  List.of(
                      new SurveyAnswers.Answer("q1", null, null, ratings[i], null),
                      new SurveyAnswers.Answer(
                          "q2", i % 3 == 0 ? "show" : "sing", null, null, null))));
    }
  }

  private static String link(App.Services s, Caller admin, String survey, String subject) {
    return s.surveys()
        .issueLink(admin, Long.parseLong(survey), new SurveyService.LinkInput(subject))
        .scene();
  }

  private static Question rating(String id, String text, String childText) {
    return new Question(id, "RATING", text, childText, true, null);
  }

  private static String create(
      App.Services s,
      Caller admin,
      String title,
      String audience,
      String subjectKind,
      Instant now,
      List<Question> questions,
      String previousSurveyId) {
    return s.surveys()
        .create(
            admin,
            new SurveyService.SurveyInput(
                title,
                audience,
                subjectKind,
                DemoData.DISTRICT,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(60)),
                questions,
                previousSurveyId))
        .id();
  }
}
