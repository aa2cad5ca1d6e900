package cn.yuhao.care;

import static cn.yuhao.care.RouteRoles.ADMINS;
import static cn.yuhao.care.RouteRoles.CITY_ADMIN;
import static cn.yuhao.care.RouteRoles.COACH;
import static cn.yuhao.care.RouteRoles.DISTRICT_ADMIN;
import static cn.yuhao.care.RouteRoles.READERS;
import static cn.yuhao.care.RouteRoles.STREET_SUPERVISOR;
import static cn.yuhao.care.RouteRoles.VOLUNTEER;
import static cn.yuhao.care.RouteRoles.get;
import static cn.yuhao.care.http.Access.AUTHENTICATED;
import static cn.yuhao.care.http.Access.PUBLIC;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import cn.yuhao.care.casefile.ChildFileRoutes;
import cn.yuhao.care.checklist.DirectorRoutes;
import cn.yuhao.care.checklist.PlanRoutes;
import cn.yuhao.care.concern.ReferralRoutes;
import cn.yuhao.care.file.FileRoutes;
import io.javalin.security.RouteRole;

/**
 * The route table of case work: files (attachments), the referrals of harm reports, children's plans and
 * files. Read with
 * {@link ApiRoutes}; the roles are on every route.
 */
final class CaseRoutes {
  /** Everyone who writes something a file can be attached to. */
  private static final RouteRole[] UPLOADERS = {
    VOLUNTEER, COACH, STREET_SUPERVISOR, DISTRICT_ADMIN, CITY_ADMIN
  };

  /** The handlers of this table, built by {@code CaseWiring}. */
  record Handlers(
      FileRoutes files,
      ReferralRoutes referrals,
      PlanRoutes plans,
      ChildFileRoutes childFiles,
      DirectorRoutes directors) {}

  private CaseRoutes() {}

  static void register(Handlers h) {
    post("/files", h.files()::upload, UPLOADERS);
    get("/files/{id}", h.files()::read, UPLOADERS);

    post("/admin/concerns/{id}/referrals", h.referrals()::refer, ADMINS);
    post("/admin/referrals/{id}/waive", h.referrals()::waive, ADMINS);
    post("/admin/referrals/{id}/links", h.referrals()::issueLink, ADMINS);
    // The agency has no account: its one-time link opens a session carried in X-Referral-Session.
    post("/referral-links/{token}/open", h.referrals()::open, PUBLIC);
    get("/referral-session", h.referrals()::view, PUBLIC);
    post("/referral-session/feedback", h.referrals()::answer, PUBLIC);
    post("/referral-session/files", h.referrals()::upload, PUBLIC);

    get(
        "/pairings/{id}/plan",
        h.plans()::get,
        VOLUNTEER,
        CITY_ADMIN,
        DISTRICT_ADMIN,
        STREET_SUPERVISOR);
    put("/pairings/{id}/plan", h.plans()::write, VOLUNTEER);
    post("/pairings/{id}/plan/submit", h.plans()::submit, VOLUNTEER);
    post("/pairings/{id}/plan/reviews", h.plans()::review, VOLUNTEER);
    post("/admin/plans/{id}/approve", h.plans()::approve, READERS);
    post("/admin/plans/{id}/return", h.plans()::giveBack, READERS);
    get("/admin/plan-attention", h.plans()::attention, READERS);

    get("/admin/children/{id}/file", h.childFiles()::file, READERS);
    get("/admin/children/{id}/file.pdf", h.childFiles()::pdf, READERS);

    // A child director needs no role: being named for a child is what lets her see that child.
    put("/admin/children/{id}/child-director", h.directors()::name, ADMINS);
    get("/me/director-children", h.directors()::mine, AUTHENTICATED);
    post("/me/director-children/{id}/records", h.directors()::record, AUTHENTICATED);
  }
}
