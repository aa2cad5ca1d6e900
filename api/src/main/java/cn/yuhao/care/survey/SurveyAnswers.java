package cn.yuhao.care.survey;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.SignedScene;
import cn.yuhao.care.survey.SurveyService.Question;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Answering through a survey link. An answer keeps no user: the response has a random id, the day it came and the
 * subject's place; a keyed hash of the respondent (or, for a children's survey, of the child) stops a second
 * answer. No audit row names who answered, for the same reason.
 */
public final class SurveyAnswers {
  static final List<String> RATING_LABELS = List.of("很不满意", "不满意", "一般", "满意", "很满意");

  public record Answer(
      String questionId, String choice, List<String> choices, Integer rating, String text) {}

  public record Response(String childId, List<Answer> answers) {}

  public record Submitted(LocalDate submittedOn) {}

  public record Form(
      String title,
      String audience,
      String subjectLabel,
      String status,
      Instant closesAt,
      boolean answered,
      boolean childMode,
      List<String> ratingLabels,
      List<Question> questions) {}

  private final Jdbi jdbi;
  private final SignedScene scenes;
  private final BlindIndex hashes;
  private final FieldCipher cipher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SurveyAnswers(Jdbi jdbi, BlindIndex hashes, FieldCipher cipher, Clock clock) {
    this.jdbi = jdbi;
    this.scenes = SurveyService.scenes(hashes);
    this.hashes = hashes;
    this.cipher = cipher;
    this.clock = clock;
  }

  private record Opened(SurveyDao.Link link, SurveyDao.Row survey) {}

  private Opened open(SurveyDao dao, String scene) {
    long id = scenes.idOf(scene);
    SurveyDao.Link link = (id < 0 ? null : dao.link(id).orElse(null));
    if (link == null) {
      throw AppException.notFound("问卷");
    }
    return new Opened(link, dao.find(link.surveyId()).orElseThrow());
  }

  public Form form(Caller caller, String scene) {
    return jdbi.withHandle(h -> {
      SurveyDao dao = new SurveyDao(h);
      Opened o = open(dao, scene);
      boolean child = "CHILD".equals(o.survey().audience());
      return new Form(
          o.survey().title(),
          o.survey().audience(),
          o.link().subjectLabel(),
          SurveyService.status(o.survey(), clock.instant()),
          o.survey().closesAt(),
          !child && dao.answered(o.link().id(), respondent(o.link(), "u" + caller.userId())),
          child,
          RATING_LABELS,
          SurveyService.questions(o.survey().questionsJson()));
    });
  }

  public Submitted answer(Caller caller, String scene, Response in) {
    return jdbi.inTransaction(h -> {
      SurveyDao dao = new SurveyDao(h);
      Opened o = open(dao, scene);
      if (!"OPEN".equals(SurveyService.status(o.survey(), clock.instant()))) {
        throw new AppException(ErrorCode.SURVEY_CLOSED, "这份问卷不在答题时间内");
      }
      String respondent = respondentOf(dao, caller, o, in.childId());
      List<SurveyDao.Answer> rows =
          answers(SurveyService.questions(o.survey().questionsJson()), in.answers());
      long responseId = random.nextLong(1, Long.MAX_VALUE);
      LocalDate today = cn.yuhao.care.checklist.CarePeriods.day(clock.instant());
      if (!dao.insertResponse(responseId, o.link(), respondent, today)) {
        throw new AppException(ErrorCode.DUPLICATE, "已经答过这份问卷了，谢谢");
      }
      dao.insertAnswers(responseId, o.survey().id(), rows);
      return new Submitted(today);
    });
  }

  /**
   * Who answers, as a keyed hash: the caller herself; for a children's survey, the child, who must be of the
   * subject (on the troupe's roster, or the pairing's child) and answer on the phone of her coach or 爱心妈妈; for
   * an activity, on the phone of an 爱心妈妈 confirmed for it and paired with the child.
   */
  private String respondentOf(SurveyDao dao, Caller caller, Opened o, String rawChildId) {
    if (!"CHILD".equals(o.survey().audience())) {
      if (rawChildId != null) {
        throw AppException.invalid("childId", "只有儿童问卷需要填写 childId");
      }
      return respondent(o.link(), "u" + caller.userId());
    }
    new Fields().require("childId", rawChildId).throwIfAny();
    long childId = Ids.parseOr(rawChildId, -1);
    SurveyDao.Link l = o.link();
    boolean allowed = switch (l.subjectKind()) {
      case "TROUPE" ->
        caller.coaches(l.districtCode(), l.subjectId()) && dao.rostered(l.subjectId(), childId);
      case "ACTIVITY" -> dao.tookChildTo(l.subjectId(), childId, caller.userId());
      default -> dao.caresFor(l.subjectId(), childId, caller.userId());
    };
    if (!allowed) {
      throw new AppException(ErrorCode.FORBIDDEN, "儿童问卷由本团教练或结对的爱心妈妈（活动问卷：参加活动的爱心妈妈）陪同本团、本结对的儿童作答");
    }
    return respondent(l, "c" + childId);
  }

  private String respondent(SurveyDao.Link link, String who) {
    return hashes.of("survey-respondent", link.id() + ":" + who);
  }

  /** The answers checked against the questions (every problem at once, named by field) and turned into rows. */
  private List<SurveyDao.Answer> answers(List<Question> questions, List<Answer> answers) {
    Fields f = new Fields().require("answers", answers);
    f.throwIfAny();
    Map<String, Question> byId =
        questions.stream().collect(Collectors.toMap(Question::id, Function.identity()));
    Set<String> seen = new HashSet<>();
    List<SurveyDao.Answer> rows = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      Answer a = answers.get(i);
      String at = "answers[" + i + "]";
      Question q = a == null ? null : byId.get(a.questionId());
      if (q == null) {
        f.fail(at + ".questionId", "问卷中没有这道题");
      } else if (!seen.add(q.id())) {
        f.fail(at + ".questionId", "同一道题只能回答一次");
      } else {
        rows.addAll(SurveyAnswerRules.rows(f, at, q, a, cipher));
      }
    }
    for (Question q : questions) {
      if (q.required() && !seen.contains(q.id())) {
        f.fail("answers", "请回答第 " + q.id() + " 题");
      }
    }
    f.throwIfAny();
    return rows;
  }
}
