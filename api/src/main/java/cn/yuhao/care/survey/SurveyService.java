package cn.yuhao.care.survey;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.SignedScene;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.wechat.WeChatGateway;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Surveys and their links. The city makes city-wide surveys, a district admin her district's; a link puts a
 * survey before one subject's respondents through a signed 小程序码 scene (see {@link SurveyAnswers}).
 */
public final class SurveyService {
  public static final String PAGE = "pages/survey/index";
  static final Set<String> AUDIENCES =
      Set.of("CHILD", "GUARDIAN", "HEAD_TEACHER", "VOLUNTEER", "COACH");
  static final Set<String> SUBJECT_KINDS = Set.of("TROUPE", "PAIRING", "ACTIVITY", "DISTRICT");
  static final Duration LONGEST = Duration.ofDays(366);

  public record Option(String id, String label) {}

  public record Question(
      String id,
      String kind,
      String text,
      String childText,
      boolean required,
      List<Option> options) {}

  public record SurveyInput(
      String title,
      String audience,
      String subjectKind,
      String districtCode,
      Instant opensAt,
      Instant closesAt,
      List<Question> questions,
      String previousSurveyId) {}

  public record Survey(
      String id,
      String title,
      String audience,
      String subjectKind,
      String districtCode,
      String previousSurveyId,
      Instant opensAt,
      Instant closesAt,
      List<Question> questions,
      String status,
      Instant createdAt) {}

  public record Page(List<Survey> items, String nextCursor) {}

  public record LinkInput(String subjectId) {}

  public record Link(
      String id,
      String surveyId,
      String subjectKind,
      String subjectId,
      String subjectLabel,
      String scene,
      String page,
      String qrCodePng) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final RegionService regions;
  private final WeChatGateway wechat;
  private final SignedScene scenes;
  private final AuditLog audit;
  private final Clock clock;

  public SurveyService(
      Jdbi jdbi,
      RegionService regions,
      WeChatGateway wechat,
      BlindIndex tags,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.wechat = wechat;
    this.scenes = scenes(tags);
    this.audit = audit;
    this.clock = clock;
  }

  static SignedScene scenes(BlindIndex tags) {
    return new SignedScene(tags, "survey-link");
  }

  public Survey create(Caller admin, SurveyInput in) {
    new SurveyRules(regions, clock).check(in);
    if (in.districtCode() == null
        ? !admin.hasRole(Role.CITY_ADMIN)
        : !admin.adminScope().coversDistrict(in.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "区县管理员只能为本区县发布问卷；全市问卷由市级管理员发布");
    }
    long id = Ids.next();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      SurveyDao dao = new SurveyDao(h);
      dao.insert(id, in, previous(dao, admin, in), write(in.questions()), admin.userId(), now);
      audit.record(
          h, admin, "survey.create", "survey", Long.toString(id), in.title().strip());
      return view(dao.find(id).orElseThrow());
    });
  }

  /**
   * The earlier round this survey repeats (last year's, typically), whose results are shown beside its own: one the
   * admin can see, for the same audience and kind of subject, opened before this one.
   */
  private static Long previous(SurveyDao dao, Caller admin, SurveyInput in) {
    if (in.previousSurveyId() == null) {
      return null;
    }
    long id = Ids.parseOr(in.previousSurveyId(), -1);
    SurveyDao.Row p = dao.find(id)
        .filter(r -> r.districtCode() == null || admin.adminScope().reaches(r.districtCode()))
        .orElseThrow(() -> AppException.invalid("previousSurveyId", "没有这份问卷"));
    if (!p.audience().equals(in.audience()) || !p.subjectKind().equals(in.subjectKind())) {
      throw AppException.invalid("previousSurveyId", "上一轮问卷的答卷人和调查对象类型应与本问卷相同");
    }
    if (!p.opensAt().isBefore(in.opensAt())) {
      throw AppException.invalid("previousSurveyId", "上一轮问卷应早于本问卷开始");
    }
    return id;
  }

  public Page list(Caller admin, long before, int limit) {
    List<SurveyDao.Row> rows =
        jdbi.withHandle(h -> new SurveyDao(h).visible(admin.adminScope(), before, limit + 1));
    List<Survey> items = rows.stream().limit(limit).map(this::view).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  public Survey get(Caller admin, long id) {
    return jdbi.withHandle(h -> view(visible(new SurveyDao(h), admin, id)));
  }

  /** Closes the survey now, for the admins who could have made it; its answers stay. */
  public Survey close(Caller admin, long id) {
    return jdbi.inTransaction(h -> {
      SurveyDao dao = new SurveyDao(h);
      SurveyDao.Row r = visible(dao, admin, id);
      boolean owner = r.districtCode() == null
          ? admin.hasRole(Role.CITY_ADMIN)
          : admin.adminScope().coversDistrict(r.districtCode());
      if (!owner) {
        throw new AppException(ErrorCode.FORBIDDEN, "问卷由发布它的区县或市级管理员关闭");
      }
      if (!dao.close(id, clock.instant())) {
        throw new AppException(ErrorCode.CONFLICT, "问卷已经截止");
      }
      audit.record(h, admin, "survey.close", "survey", Long.toString(id), null);
      return view(dao.find(id).orElseThrow());
    });
  }

  /** The survey if the admin may use it: city-wide, or of a district she reaches; 404 otherwise. */
  static SurveyDao.Row visible(SurveyDao dao, Caller admin, long id) {
    SurveyDao.Row r = dao.find(id).orElseThrow(() -> AppException.notFound("问卷"));
    boolean reaches = r.districtCode() == null
        || admin.adminScope().all()
        || admin.adminScope().districts().contains(r.districtCode())
        || admin.adminScope().streets().stream()
            .anyMatch(s -> s.districtCode().equals(r.districtCode()));
    if (!reaches) {
      throw AppException.notFound("问卷");
    }
    return r;
  }

  /** The link of the survey for one subject (the same one when issued again), with a fresh 小程序码. */
  public Link issueLink(Caller admin, long surveyId, LinkInput in) {
    new Fields().require("subjectId", in.subjectId()).throwIfAny();
    long subjectId = Ids.parseOr(in.subjectId(), -1);
    SurveyDao.Link link = jdbi.inTransaction(h -> {
      SurveyDao dao = new SurveyDao(h);
      SurveyDao.Row survey = visible(dao, admin, surveyId);
      SurveyDao.Subject subject = subject(dao, survey, subjectId, admin);
      if (dao.link(surveyId, survey.subjectKind(), subjectId).isEmpty()) {
        dao.insertLink(
            Ids.next(),
            surveyId,
            survey.subjectKind(),
            subjectId,
            subject,
            admin.userId(),
            clock.instant());
        audit.record(
            h,
            admin,
            "survey.link",
            "survey",
            Long.toString(surveyId),
            survey.subjectKind() + " " + subjectId);
      }
      return dao.link(surveyId, survey.subjectKind(), subjectId).orElseThrow();
    });
    String scene = scenes.of(link.id());
    byte[] png = wechat.unlimitedQrCode(scene, PAGE);
    return new Link(
        Long.toString(link.id()),
        Long.toString(surveyId),
        link.subjectKind(),
        Long.toString(link.subjectId()),
        link.subjectLabel(),
        scene,
        PAGE,
        Base64.getEncoder().encodeToString(png));
  }

  /** A link's 小程序码 again, as a PNG to print on a poster: the survey must be visible to the admin. */
  public byte[] linkPng(Caller admin, long surveyId, long linkId) {
    String scene = jdbi.withHandle(h -> {
      SurveyDao dao = new SurveyDao(h);
      visible(dao, admin, surveyId);
      return dao.link(linkId)
          .filter(l -> l.surveyId() == surveyId)
          .map(l -> scenes.of(l.id()))
          .orElseThrow(() -> AppException.notFound("问卷码"));
    });
    return wechat.unlimitedQrCode(scene, PAGE);
  }

  /** The subject, of the survey's kind, in the admin's scope and the survey's district; 404 or 409 otherwise. */
  private SurveyDao.Subject subject(
      SurveyDao dao, SurveyDao.Row survey, long subjectId, Caller admin) {
    SurveyDao.Subject s = switch (survey.subjectKind()) {
      case "TROUPE" -> dao.troupe(subjectId).orElse(null);
      case "PAIRING" -> dao.pairing(subjectId).orElse(null);
      case "ACTIVITY" -> dao.activity(subjectId).orElse(null);
      default -> {
        String code = Long.toString(subjectId);
        yield regions.isDistrict(code)
            ? new SurveyDao.Subject(regions.districtName(code), code, null, null, "ACTIVE")
            : null;
      }
    };
    if (s == null
        || !admin.adminScope().covers(s.districtCode(), s.street())
        || survey.districtCode() != null && !survey.districtCode().equals(s.districtCode())) {
      throw AppException.notFound("调查对象");
    }
    if (!Set.of("ACTIVE", "APPROVED").contains(s.status())) {
      throw new AppException(ErrorCode.CONFLICT, "调查对象已结束或尚未获批，不能再发放问卷");
    }
    return s;
  }

  Survey view(SurveyDao.Row r) {
    return new Survey(
        Long.toString(r.id()),
        r.title(),
        r.audience(),
        r.subjectKind(),
        r.districtCode(),
        r.previousId() == null ? null : Long.toString(r.previousId()),
        r.opensAt(),
        r.closesAt(),
        questions(r.questionsJson()),
        status(r, clock.instant()),
        r.createdAt());
  }

  static String status(SurveyDao.Row r, Instant now) {
    return now.isBefore(r.opensAt()) ? "NOT_OPEN" : now.isBefore(r.closesAt()) ? "OPEN" : "CLOSED";
  }

  static List<Question> questions(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<Question>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(List<Question> questions) {
    try {
      return JSON.writeValueAsString(questions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
