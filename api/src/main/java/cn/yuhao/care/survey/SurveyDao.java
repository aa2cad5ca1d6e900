package cn.yuhao.care.survey;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of surveys, their links, and the anonymous responses and answers. */
final class SurveyDao {
  /** A survey as stored, its questions still JSON. */
  record Row(
      long id,
      String title,
      String audience,
      String subjectKind,
      String districtCode,
      Long previousId,
      String questionsJson,
      Instant opensAt,
      Instant closesAt,
      Instant createdAt) {}

  /** A link with its survey's id and the subject's place. */
  record Link(
      long id,
      long surveyId,
      String subjectKind,
      long subjectId,
      String subjectLabel,
      String districtCode,
      String street,
      Long troupeId) {}

  /** A subject's place and name, read to issue a link. */
  record Subject(String label, String districtCode, String street, Long troupeId, String status) {}

  /** One answer row. */
  record Answer(String questionId, String choice, Integer rating, String textEnc) {}

  /** How many answers of one group chose one option or rating of one question (text: choice '' and no rating). */
  record Tally(String group, String questionId, String choice, Integer rating, long n) {}

  /** How many responses one group has. */
  record GroupSize(String group, long n) {}

  private static final String SELECT = """
      SELECT id, title, audience, subject_kind, district_code, previous_id, questions_json, opens_at, closes_at,
             created_at
        FROM surveys""";

  private final Handle h;

  SurveyDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      SurveyService.SurveyInput in,
      Long previousId,
      String questionsJson,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO surveys (id, title, audience, subject_kind, district_code, previous_id, questions_json,
                                 opens_at, closes_at, created_by, created_at)
            VALUES (:id, :title, :audience, :kind, :d, :previous, :q, :opens, :closes, :by, :now)""")
        .bind("id", id)
        .bind("title", in.title().strip())
        .bind("audience", in.audience())
        .bind("kind", in.subjectKind())
        .bind("d", in.districtCode())
        .bind("previous", previousId)
        .bind("q", questionsJson)
        .bind("opens", in.opensAt())
        .bind("closes", in.closesAt())
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  /** Closes the survey now unless it is closed already; false then. */
  boolean close(long id, Instant now) {
    return h.createUpdate("UPDATE surveys SET closes_at = :now WHERE id = :id AND closes_at > :now")
            .bind("id", id)
            .bind("now", now)
            .execute()
        == 1;
  }

  Optional<Row> find(long id) {
    return h.createQuery(SELECT + " WHERE id = :id")
        .bind("id", id)
        .map(SurveyDao::row)
        .findOne();
  }

  /** City-wide surveys and those of the scope's districts (all of them for the city), newest first. */
  List<Row> visible(Scope scope, long before, int limit) {
    return h.createQuery(SELECT + " " + """
            WHERE id < :before AND (:all OR district_code IS NULL OR district_code IN (<districts>))
            ORDER BY id DESC LIMIT :limit""")
        .bind("before", before)
        .bind("all", scope.all())
        .bindList("districts", districts(scope))
        .bind("limit", limit)
        .map(SurveyDao::row)
        .list();
  }

  /** The districts a scope reaches (a street supervisor's through her streets); a placeholder when none. */
  private static List<String> districts(Scope scope) {
    List<String> out = new java.util.ArrayList<>(scope.districts());
    scope.streets().forEach(s -> out.add(s.districtCode()));
    return out.isEmpty() ? List.of("") : out;
  }

  private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("title"),
        rs.getString("audience"),
        rs.getString("subject_kind"),
        rs.getString("district_code"),
        rs.getObject("previous_id", Long.class),
        rs.getString("questions_json"),
        Columns.instant(rs, "opens_at", ctx),
        Columns.instant(rs, "closes_at", ctx),
        Columns.instant(rs, "created_at", ctx));
  }

  Optional<Subject> troupe(long id) {
    return h.createQuery("SELECT name, district_code, status FROM troupes WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new Subject(rs.getString(1), rs.getString(2), null, id, rs.getString(3)))
        .findOne();
  }

  Optional<Subject> pairing(long id) {
    return h.createQuery("SELECT district_code, street, status FROM pairings WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) ->
            new Subject("结对关爱服务", rs.getString(1), rs.getString(2), null, rs.getString(3)))
        .findOne();
  }

  /** An activity as a survey's subject: OPEN counts as active. */
  Optional<Subject> activity(long id) {
    return h.createQuery(
            "SELECT title, district_code, street, status FROM activities WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new Subject(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            null,
            "OPEN".equals(rs.getString(4)) ? "ACTIVE" : rs.getString(4)))
        .findOne();
  }

  /** Whether the user took part in the activity (a confirmed sign-up) and is paired with the child. */
  boolean tookChildTo(long activityId, long childId, long userId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM volunteers v
              JOIN activity_signups s ON s.volunteer_id = v.id AND s.activity_id = :a AND s.status = 'CONFIRMED'
              JOIN pairings p ON p.child_id = :c AND p.status = 'ACTIVE'
             WHERE v.user_id = :u
               AND (p.volunteer_id = v.id
                    OR EXISTS (SELECT 1 FROM pairing_members m
                                WHERE m.pairing_id = p.id AND m.volunteer_id = v.id AND m.removed_at IS NULL))""")
            .bind("a", activityId)
            .bind("c", childId)
            .bind("u", userId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  Optional<Link> link(long surveyId, String subjectKind, long subjectId) {
    return h.createQuery(LINK + " WHERE survey_id = :s AND subject_kind = :k AND subject_id = :id")
        .bind("s", surveyId)
        .bind("k", subjectKind)
        .bind("id", subjectId)
        .map(SurveyDao::link)
        .findOne();
  }

  Optional<Link> link(long id) {
    return h.createQuery(LINK + " WHERE id = :id")
        .bind("id", id)
        .map(SurveyDao::link)
        .findOne();
  }

  private static final String LINK = """
      SELECT id, survey_id, subject_kind, subject_id, subject_label, district_code, street, troupe_id
        FROM survey_links""";

  private static Link link(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Link(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getObject(8, Long.class));
  }

  /** Inserts the link unless one for the subject exists (a concurrent issue): then nothing. */
  void insertLink(
      long id, long surveyId, String kind, long subjectId, Subject s, long by, Instant now) {
    h.createUpdate("""
            INSERT IGNORE INTO survey_links (id, survey_id, subject_kind, subject_id, subject_label, district_code,
                                             street, troupe_id, created_by, created_at)
            VALUES (:id, :s, :k, :sid, :label, :d, :street, :t, :by, :now)""")
        .bind("id", id)
        .bind("s", surveyId)
        .bind("k", kind)
        .bind("sid", subjectId)
        .bind("label", s.label())
        .bind("d", s.districtCode())
        .bind("street", s.street())
        .bind("t", s.troupeId())
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  boolean answered(long linkId, String respondentHash) {
    return h.createQuery(
                "SELECT COUNT(*) FROM survey_responses WHERE link_id = :l AND respondent_hash = :r")
            .bind("l", linkId)
            .bind("r", respondentHash)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** The response; false when this respondent has answered this link already. */
  boolean insertResponse(long id, Link l, String respondentHash, LocalDate on) {
    return h.createUpdate("""
                INSERT IGNORE INTO survey_responses (id, survey_id, link_id, respondent_hash, district_code, street,
                                                     troupe_id, submitted_on)
                VALUES (:id, :s, :l, :r, :d, :street, :t, :on)""")
            .bind("id", id)
            .bind("s", l.surveyId())
            .bind("l", l.id())
            .bind("r", respondentHash)
            .bind("d", l.districtCode())
            .bind("street", l.street())
            .bind("t", l.troupeId())
            .bind("on", on)
            .execute()
        == 1;
  }

  void insertAnswers(long responseId, long surveyId, List<Answer> answers) {
    var batch = h.prepareBatch("""
        INSERT INTO survey_answers (response_id, survey_id, question_id, choice, rating, text_enc)
        VALUES (:r, :s, :q, :c, :rating, :text)""");
    for (Answer a : answers) {
      batch
          .bind("r", responseId)
          .bind("s", surveyId)
          .bind("q", a.questionId())
          .bind("c", a.choice())
          .bind("rating", a.rating())
          .bind("text", a.textEnc())
          .add();
    }
    batch.execute();
  }

  /** Whether the child is on the troupe's roster now. */
  boolean rostered(long troupeId, long childId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM troupe_members WHERE troupe_id = :t AND child_id = :c AND left_at IS NULL""")
            .bind("t", troupeId)
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** Whether the user cares for the child in this active pairing (its lead, a case-team member or its team). */
  boolean caresFor(long pairingId, long childId, long userId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM pairings p JOIN volunteers v ON v.user_id = :u
             WHERE p.id = :p AND p.child_id = :c AND p.status = 'ACTIVE'
               AND (p.volunteer_id = v.id
                    OR EXISTS (SELECT 1 FROM pairing_members m
                                WHERE m.pairing_id = p.id AND m.volunteer_id = v.id AND m.removed_at IS NULL)
                    OR EXISTS (SELECT 1 FROM volunteer_team_members tm
                                WHERE tm.team_id = p.team_id AND tm.volunteer_id = v.id))""")
            .bind("p", pairingId)
            .bind("c", childId)
            .bind("u", userId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** Responses per group ({@code group} is a column expression of r) in the scope. */
  List<GroupSize> groupSizes(long surveyId, String group, Scope scope) {
    var q = h.createQuery("SELECT " + group + " AS g, COUNT(*) FROM survey_responses r"
            + " WHERE r.survey_id = :s AND <scope> GROUP BY g")
        .bind("s", surveyId);
    return ScopeFilter.apply(q, "r", scope)
        .map((rs, ctx) -> new GroupSize(rs.getString(1), rs.getLong(2)))
        .list();
  }

  /** Answer counts per group, question, option and rating in the scope. */
  List<Tally> tallies(long surveyId, String group, Scope scope) {
    var q = h.createQuery("SELECT " + group + " AS g, a.question_id, a.choice, a.rating, COUNT(*)"
            + " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
            + " WHERE a.survey_id = :s AND <scope> GROUP BY g, a.question_id, a.choice, a.rating")
        .bind("s", surveyId);
    return ScopeFilter.apply(q, "r", scope)
        .map((rs, ctx) -> new Tally(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getObject(4, Integer.class),
            rs.getLong(5)))
        .list();
  }

  /** How many responses of each group answered each question. */
  List<Tally> answered(long surveyId, String group, Scope scope) {
    var q = h.createQuery("SELECT " + group + " AS g, a.question_id, COUNT(DISTINCT a.response_id)"
            + " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
            + " WHERE a.survey_id = :s AND <scope> GROUP BY g, a.question_id")
        .bind("s", surveyId);
    return ScopeFilter.apply(q, "r", scope)
        .map((rs, ctx) -> new Tally(rs.getString(1), rs.getString(2), null, null, rs.getLong(3)))
        .list();
  }

  /** Troupes' names by id. */
  java.util.Map<String, String> troupeNames(List<String> ids) {
    if (ids.isEmpty()) {
      return java.util.Map.of();
    }
    return h.createQuery("SELECT id, name FROM troupes WHERE id IN (<ids>)")
        .bindList("ids", ids.stream().map(Long::parseLong).toList())
        .map((rs, ctx) -> java.util.Map.entry(Long.toString(rs.getLong(1)), rs.getString(2)))
        .collect(java.util.stream.Collectors.toMap(
            java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
  }
}
