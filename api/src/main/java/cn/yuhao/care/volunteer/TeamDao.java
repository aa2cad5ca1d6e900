package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for volunteer teams and their members, scoped by the team's district and street. */
final class TeamDao {
  record TeamRow(
      long id,
      String districtCode,
      String street,
      String name,
      String description,
      Instant createdAt) {}

  record MemberRow(
      long volunteerId, String realName, String status, String role, Instant joinedAt) {}

  private static final String COLUMNS =
      "t.id, t.district_code, t.street, t.name, t.description, t.created_at";

  private final Handle h;

  private static TeamRow team(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TeamRow(
        rs.getLong("id"),
        rs.getString("district_code"),
        rs.getString("street"),
        rs.getString("name"),
        rs.getString("description"),
        Columns.instant(rs, "created_at", ctx));
  }

  private static MemberRow member(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MemberRow(
        rs.getLong("volunteer_id"),
        rs.getString("real_name"),
        rs.getString("status"),
        rs.getString("role"),
        Columns.instant(rs, "joined_at", ctx));
  }

  TeamDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      String districtCode,
      String street,
      String name,
      String description,
      long createdBy,
      Instant now) {
    h.createUpdate("""
            INSERT INTO volunteer_teams (id, district_code, street, name, description, created_by, created_at)
            VALUES (:id, :d, :s, :name, :description, :by, :now)
            """)
        .bind("id", id)
        .bind("d", districtCode)
        .bind("s", street)
        .bind("name", name)
        .bind("description", description)
        .bind("by", createdBy)
        .bind("now", now)
        .execute();
  }

  Optional<TeamRow> findInScope(long id, Scope scope) {
    var q = h.createQuery(
            "SELECT " + COLUMNS + " FROM volunteer_teams t WHERE t.id = :id AND <scope>")
        .bind("id", id);
    return ScopeFilter.apply(q, "t", scope).map(TeamDao::team).findOne();
  }

  List<TeamRow> list(Scope scope, String districtCode, long before, int limit) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         FROM volunteer_teams t
        WHERE <scope> AND (:d IS NULL OR t.district_code = :d) AND t.id < :before
        ORDER BY t.id DESC
        LIMIT :limit
        """)
        .bind("d", districtCode)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "t", scope).map(TeamDao::team).list();
  }

  List<MemberRow> members(long teamId) {
    return h.createQuery("""
            SELECT m.volunteer_id, v.real_name, v.status, m.role, m.joined_at
              FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id
             WHERE m.team_id = :t
             ORDER BY m.role, m.joined_at
            """).bind("t", teamId).map(TeamDao::member).list();
  }

  boolean isMember(long teamId, long volunteerId) {
    return h.createQuery(
                "SELECT COUNT(*) FROM volunteer_team_members WHERE team_id = :t AND volunteer_id = :v")
            .bind("t", teamId)
            .bind("v", volunteerId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  void addMember(long teamId, long volunteerId, String role, Instant now) {
    h.createUpdate("""
            INSERT INTO volunteer_team_members (team_id, volunteer_id, role, joined_at) VALUES (:t, :v, :role, :now)
            """)
        .bind("t", teamId)
        .bind("v", volunteerId)
        .bind("role", role)
        .bind("now", now)
        .execute();
  }

  int removeMember(long teamId, long volunteerId) {
    return h.createUpdate(
            "DELETE FROM volunteer_team_members WHERE team_id = :t AND volunteer_id = :v")
        .bind("t", teamId)
        .bind("v", volunteerId)
        .execute();
  }

  /** An exited volunteer leaves every team. */
  void removeFromAllTeams(long volunteerId) {
    h.createUpdate("DELETE FROM volunteer_team_members WHERE volunteer_id = :v")
        .bind("v", volunteerId)
        .execute();
  }
}
