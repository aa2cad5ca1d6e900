package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.RegionService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** 爱心妈妈团队 / 工作室: named teams of admitted volunteers of one district, for group care. */
public final class TeamService {
  public record TeamRequest(String name, String districtCode, String street, String description) {}

  public record MemberRequest(String volunteerId, String role) {}

  public record Member(
      String volunteerId, String realName, String volunteerStatus, String role, Instant joinedAt) {}

  public record Team(
      String id,
      String districtCode,
      String street,
      String name,
      String description,
      Instant createdAt,
      List<Member> members) {}

  public record Page(List<Team> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;

  public TeamService(Jdbi jdbi, RegionService regions, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public Team create(Caller admin, TeamRequest r) {
    String name = r.name() == null ? null : r.name().trim();
    String street =
        r.street() == null || r.street().isBlank() ? null : r.street().trim();
    new Fields()
        .require("name", name)
        .maxLength("name", name, 40)
        .require("districtCode", r.districtCode())
        .check(r.districtCode(), regions.isDistrict(r.districtCode()), "districtCode", "没有这个区县")
        .maxLength("street", street, 64)
        .maxLength("description", r.description(), 300)
        .throwIfAny();
    if (street != null && !regions.hasStreet(r.districtCode(), street)) {
      throw AppException.invalid("street", "该区县下没有这个街道");
    }
    if (!admin.adminScope().coversDistrict(r.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能在本区县建立团队");
    }
    long id = Ids.next();
    return jdbi.inTransaction(h -> {
      new TeamDao(h)
          .insert(
              id,
              r.districtCode(),
              street,
              name,
              blankToNull(r.description()),
              admin.userId(),
              clock.instant());
      audit.record(h, admin, "team.create", "volunteer_team", Long.toString(id), name);
      return view(
          new TeamDao(h), new TeamDao(h).findInScope(id, admin.adminScope()).orElseThrow());
    });
  }

  public Team get(Caller admin, long id) {
    return jdbi.withHandle(h -> {
      TeamDao dao = new TeamDao(h);
      return view(
          dao,
          dao.findInScope(id, admin.adminScope()).orElseThrow(() -> AppException.notFound("团队")));
    });
  }

  public Page list(Caller admin, String districtCode, long before, int limit) {
    return jdbi.withHandle(h -> {
      TeamDao dao = new TeamDao(h);
      List<TeamDao.TeamRow> rows = dao.list(admin.adminScope(), districtCode, before, limit + 1);
      List<Team> items = rows.stream().limit(limit).map(t -> view(dao, t)).toList();
      return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  /** Only admitted volunteers of the team's district join; each once. */
  public Team addMember(Caller admin, long teamId, MemberRequest r) {
    new Fields()
        .require("volunteerId", r.volunteerId())
        .require("role", r.role())
        .check(
            r.role(),
            "LEADER".equals(r.role()) || "MEMBER".equals(r.role()),
            "role",
            "角色应为 LEADER 或 MEMBER")
        .throwIfAny();
    long volunteerId = Ids.parseOr(r.volunteerId(), -1);
    return jdbi.inTransaction(h -> {
      TeamDao teams = new TeamDao(h);
      TeamDao.TeamRow team = teams
          .findInScope(teamId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("团队"));
      VolunteerRow v = new VolunteerDao(h)
          .findInScope(volunteerId, admin.adminScope())
          .filter(x -> x.districtCode().equals(team.districtCode()))
          .orElseThrow(() -> AppException.invalid("volunteerId", "本区县没有这位志愿者"));
      if (!VolunteerStatus.ADMITTED.name().equals(v.status())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的志愿者可以加入团队");
      }
      if (teams.isMember(teamId, volunteerId)) {
        throw new AppException(ErrorCode.DUPLICATE, "该志愿者已在团队中");
      }
      teams.addMember(teamId, volunteerId, r.role(), clock.instant());
      audit.record(
          h,
          admin,
          "team.member.add",
          "volunteer_team",
          Long.toString(teamId),
          Long.toString(volunteerId));
      return view(teams, team);
    });
  }

  public Team removeMember(Caller admin, long teamId, long volunteerId) {
    return jdbi.inTransaction(h -> {
      TeamDao teams = new TeamDao(h);
      TeamDao.TeamRow team = teams
          .findInScope(teamId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("团队"));
      if (teams.removeMember(teamId, volunteerId) == 0) {
        throw AppException.notFound("团队成员");
      }
      audit.record(
          h,
          admin,
          "team.member.remove",
          "volunteer_team",
          Long.toString(teamId),
          Long.toString(volunteerId));
      return view(teams, team);
    });
  }

  private static Team view(TeamDao dao, TeamDao.TeamRow t) {
    List<Member> members = dao.members(t.id()).stream()
        .map(m -> new Member(
            Long.toString(m.volunteerId()), m.realName(), m.status(), m.role(), m.joinedAt()))
        .toList();
    return new Team(
        Long.toString(t.id()),
        t.districtCode(),
        t.street(),
        t.name(),
        t.description(),
        t.createdAt(),
        members);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
