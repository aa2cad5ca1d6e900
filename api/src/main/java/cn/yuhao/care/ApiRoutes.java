package cn.yuhao.care;

import static cn.yuhao.care.http.Access.AUTHENTICATED;
import static cn.yuhao.care.http.Access.DASHBOARD;
import static cn.yuhao.care.http.Access.PUBLIC;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import cn.yuhao.care.audit.AuditRoutes;
import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.WebTicketRoutes;
import cn.yuhao.care.checklist.CareRoutes;
import cn.yuhao.care.child.ChildRoutes;
import cn.yuhao.care.concern.ConcernRoutes;
import cn.yuhao.care.dashboard.DashboardRoutes;
import cn.yuhao.care.merchant.MerchantRoutes;
import cn.yuhao.care.notify.NotifyRoutes;
import cn.yuhao.care.ops.OpsRoutes;
import cn.yuhao.care.pairing.PairingRoutes;
import cn.yuhao.care.points.PointsRoutes;
import cn.yuhao.care.region.RegionRoutes;
import cn.yuhao.care.survey.SurveyRoutes;
import cn.yuhao.care.troupe.TroupeRoutes;
import cn.yuhao.care.user.InvitationRoutes;
import cn.yuhao.care.user.LoginRoutes;
import cn.yuhao.care.user.UserAdminRoutes;
import cn.yuhao.care.volunteer.VolunteerRoutes;
import io.javalin.apibuilder.ApiBuilder;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

/** The one route table: it reads like the API (miniapp-contract/openapi.yaml), roles on every route. */
final class ApiRoutes {
  private static final RouteRole CITY_ADMIN = new AuthFilter.Allowed(Role.CITY_ADMIN);
  private static final RouteRole COACH = new AuthFilter.Allowed(Role.COACH);
  private static final RouteRole DISTRICT_ADMIN = new AuthFilter.Allowed(Role.DISTRICT_ADMIN);
  private static final RouteRole MERCHANT_STAFF = new AuthFilter.Allowed(Role.MERCHANT_STAFF);
  private static final RouteRole STREET_SUPERVISOR = new AuthFilter.Allowed(Role.STREET_SUPERVISOR);
  private static final RouteRole VOLUNTEER = new AuthFilter.Allowed(Role.VOLUNTEER);
  /** The admins who write for a district: its district admins and the city's. */
  private static final RouteRole[] ADMINS = {CITY_ADMIN, DISTRICT_ADMIN};
  /** Those who read a district's or street's figures: the admins and the street supervisors. */
  private static final RouteRole[] READERS = {CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR};
  /** The readers, also from the web dashboard's session. */
  private static final RouteRole[] BOARD_READERS = {
    CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR, DASHBOARD
  };

  private ApiRoutes() {}

  /** A GET route and HEAD on it, with the same roles: the same answer without its body (RFC 9110 §9.3.2). */
  private static void get(String path, Handler handler, RouteRole... roles) {
    ApiBuilder.get(path, handler, roles);
    ApiBuilder.head(path, handler, roles);
  }

  static EndpointGroup table(
      OpsRoutes ops,
      LoginRoutes auth,
      WebTicketRoutes webTickets,
      UserAdminRoutes users,
      InvitationRoutes invitations,
      RegionRoutes regions,
      AuditRoutes audit,
      VolunteerRoutes volunteers,
      ChildRoutes children,
      PairingRoutes pairings,
      CareRoutes care,
      ConcernRoutes concerns,
      NotifyRoutes notify,
      TroupeRoutes troupes,
      PointsRoutes points,
      MerchantRoutes merchants,
      DashboardRoutes dashboard,
      SurveyRoutes surveys) {
    return () -> {
      get("/health", ops::health, PUBLIC);
      get("/ready", ops::ready, PUBLIC);
      get("/metrics", ops::metrics, PUBLIC);
      get("/openapi.yaml", ops::contract, PUBLIC);

      path("/api/v1", () -> {
        // First: Javalin tries a method's routes in this order, and a session's start brings a
        // burst of badge scans.
        post("/sessions/{id}/attendance", troupes::scan, COACH);
        post("/auth/wechat-login", auth::login, PUBLIC);
        post("/auth/logout", auth::logout, AUTHENTICATED, DASHBOARD);
        post("/auth/web-tickets", webTickets::issue, PUBLIC);
        get("/auth/web-tickets/{ticket}", webTickets::poll, PUBLIC);
        post("/auth/web-tickets/{ticket}/confirm", webTickets::confirm, CITY_ADMIN, DISTRICT_ADMIN);
        post("/auth/phone", auth::bindPhone, AUTHENTICATED);
        get("/me", auth::me, AUTHENTICATED, DASHBOARD);

        get("/regions", regions::districts, PUBLIC);
        get("/regions/{code}/streets", regions::streets, AUTHENTICATED);
        post("/admin/regions/{code}/streets", regions::addStreet, CITY_ADMIN, DISTRICT_ADMIN);

        get("/admin/users", users::list, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/users/{id}", users::get, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/users/{id}/phone", users::revealPhone, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/users/{id}/roles", users::grant, CITY_ADMIN, DISTRICT_ADMIN);
        delete("/admin/users/{id}/roles", users::revoke, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/users/{id}/disable", users::disable, CITY_ADMIN);
        post("/admin/users/{id}/enable", users::enable, CITY_ADMIN);
        get("/me/role-invitations", invitations::list, AUTHENTICATED);
        post("/me/role-invitations/{id}/accept", invitations::accept, AUTHENTICATED);
        post("/me/role-invitations/{id}/decline", invitations::decline, AUTHENTICATED);

        get("/admin/audit", audit::list, CITY_ADMIN);

        post("/volunteers/me/application", volunteers::apply, AUTHENTICATED);
        get("/volunteers/me/application", volunteers::mine, AUTHENTICATED);
        post("/volunteers/me/exit", volunteers::exitSelf, AUTHENTICATED);
        get("/admin/volunteers", volunteers::list, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        get(
            "/admin/volunteers/{id}",
            volunteers::get,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        post("/admin/volunteers/{id}/admit", volunteers::admit, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/volunteers/{id}/reject", volunteers::reject, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/volunteers/{id}/suspend", volunteers::suspend, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/volunteers/{id}/exit", volunteers::exit, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/children", children::create, CITY_ADMIN, DISTRICT_ADMIN);
        get(
            "/admin/children/import-template",
            children::importTemplate,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post("/admin/children/import", children::importLedger, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/children", children::list, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        get("/admin/children/{id}", children::get, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        patch("/admin/children/{id}", children::update, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/children/{id}/sensitive", children::sensitive, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/children/{id}/consents", children::recordConsent, CITY_ADMIN, DISTRICT_ADMIN);
        get(
            "/admin/children/{id}/consents",
            children::listConsents,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        post(
            "/admin/children/{id}/consent-links",
            children::issueConsentLink,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get("/consent-links/{scene}", children::openConsentLink, AUTHENTICATED);
        post("/consent-links/{scene}/answer", children::answerConsentLink, AUTHENTICATED);
        post(
            "/admin/children/{id}/consents/{consentId}/withdraw",
            children::withdrawConsent,
            CITY_ADMIN,
            DISTRICT_ADMIN);

        get(
            "/admin/children/{id}/match-suggestions",
            pairings::suggestionsForChild,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post(
            "/admin/children/{id}/coming-of-age",
            pairings::comingOfAge,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post("/admin/matching/proposals", pairings::propose, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/matching/proposals/confirm", pairings::confirm, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/pairings", pairings::create, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/pairings", pairings::list, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        get("/admin/pairings/{id}", pairings::get, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        post("/admin/pairings/{id}/end", pairings::end, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/pairing-queue", pairings::queue, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        get(
            "/admin/pairing-requests",
            pairings::listRequests,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        post(
            "/admin/pairing-requests/{id}/approve",
            pairings::approveRequest,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post(
            "/admin/pairing-requests/{id}/decline",
            pairings::declineRequest,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get("/volunteers/me/pairings", pairings::mine, VOLUNTEER);
        get("/volunteers/me/match-suggestions", pairings::suggestionsForMe, VOLUNTEER);
        post("/volunteers/me/pairing-requests", pairings::request, VOLUNTEER);
        get("/volunteers/me/pairing-requests", pairings::myRequests, VOLUNTEER);

        get(
            "/pairings/{id}/care-tasks",
            care::tasks,
            VOLUNTEER,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        post("/pairings/{id}/care-records", care::createRecord, VOLUNTEER);
        get(
            "/pairings/{id}/care-records",
            care::listRecords,
            VOLUNTEER,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get(
            "/care-records/{id}",
            care::getRecord,
            VOLUNTEER,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        patch("/care-records/{id}", care::correctRecord, VOLUNTEER);
        post("/admin/pairings/{id}/history-shares", care::shareHistory, CITY_ADMIN, DISTRICT_ADMIN);
        post(
            "/admin/pairings/{id}/follow-ups",
            care::requestFollowUp,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get(
            "/pairings/{id}/follow-ups",
            care::pairingFollowUps,
            VOLUNTEER,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get("/volunteers/me/follow-ups", care::myFollowUps, VOLUNTEER);
        post("/follow-ups/{id}/resolve", care::resolveFollowUp, VOLUNTEER);
        get(
            "/admin/care-compliance",
            care::compliance,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);

        post(
            "/concerns",
            concerns::report,
            VOLUNTEER,
            COACH,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get(
            "/concerns/mine",
            concerns::mine,
            VOLUNTEER,
            COACH,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get("/admin/concerns", concerns::list, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        get("/admin/concerns/{id}", concerns::get, CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR);
        post("/admin/concerns/{id}/acknowledge", concerns::acknowledge, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/concerns/{id}/refer", concerns::refer, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/concerns/{id}/resolve", concerns::resolve, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/concerns/{id}/close", concerns::close, CITY_ADMIN, DISTRICT_ADMIN);

        post("/me/subscriptions", notify::record, AUTHENTICATED);
        get("/me/subscriptions", notify::list, AUTHENTICATED);

        post("/admin/troupes", troupes::apply, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/troupes", troupes::list, CITY_ADMIN, DISTRICT_ADMIN);
        get("/troupes/{id}", troupes::get, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/troupes/{id}/approve", troupes::approve, CITY_ADMIN);
        post("/admin/troupes/{id}/return", troupes::returnApplication, CITY_ADMIN);
        post("/admin/troupes/{id}/resubmit", troupes::resubmit, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/troupes/{id}/coaches", troupes::addCoach, CITY_ADMIN, DISTRICT_ADMIN);
        delete(
            "/admin/troupes/{id}/coaches/{userId}",
            troupes::removeCoach,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post("/admin/troupes/{id}/members", troupes::addMember, CITY_ADMIN, DISTRICT_ADMIN);
        delete(
            "/admin/troupes/{id}/members/{childId}",
            troupes::removeMember,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post(
            "/admin/troupes/{id}/members/{childId}/badge",
            troupes::reissueBadge,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get("/admin/troupes/{id}/badges", troupes::badges, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/troupes/{id}/badges.pdf", troupes::badgeSheet, CITY_ADMIN, DISTRICT_ADMIN);
        get("/troupes/{id}/roster", troupes::roster, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        post("/troupes/{id}/sessions", troupes::createSessions, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        get("/troupes/{id}/sessions", troupes::listSessions, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        get("/troupes/{id}/progress", troupes::progress, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        post(
            "/troupes/{id}/assessments",
            troupes::recordAssessment,
            COACH,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get(
            "/troupes/{id}/assessment-summary",
            troupes::assessmentSummary,
            COACH,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get(
            "/children/{id}/growth-archive",
            troupes::growthArchive,
            COACH,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR);
        get("/admin/troupes/{id}/annual-report", troupes::annualReport, CITY_ADMIN, DISTRICT_ADMIN);
        post("/sessions/{id}/cancel", troupes::cancelSession, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        post(
            "/sessions/{id}/attendance/batch",
            troupes::batch,
            COACH); // the live scan is at the top
        post("/sessions/{id}/attendance/marks", troupes::mark, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        get("/sessions/{id}/attendance", troupes::attendance, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        get("/sessions/{id}/checkin-code", troupes::checkinCode, COACH);
        get("/sessions/{id}/checkins", troupes::sessionCheckins, COACH, CITY_ADMIN, DISTRICT_ADMIN);
        post("/checkins", troupes::checkIn, VOLUNTEER);
        post("/checkins/{id}/checkout", troupes::checkOut, VOLUNTEER);
        post("/checkins/{id}/close", troupes::closeCheckin, COACH);
        get("/volunteers/me/checkins", troupes::myCheckins, VOLUNTEER);

        get("/points/me", points::mine, VOLUNTEER);
        get("/offers", merchants::available, VOLUNTEER);
        post("/redemptions", points::redeem, VOLUNTEER);
        get("/redemptions/mine", points::myRedemptions, VOLUNTEER);
        get("/redemptions/{id}", points::redemption, VOLUNTEER);
        post("/redemptions/{id}/cancel", points::cancel, VOLUNTEER);
        post("/merchant/redemptions/verify", points::verify, MERCHANT_STAFF);
        get("/merchant/redemptions", points::daily, MERCHANT_STAFF);
        post("/merchant-invites/{scene}/accept", merchants::acceptInvite, AUTHENTICATED);
        post("/admin/merchants", merchants::create, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/merchants", merchants::list, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/merchants/{id}", merchants::get, CITY_ADMIN, DISTRICT_ADMIN);
        patch("/admin/merchants/{id}", merchants::update, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/merchants/{id}/staff-invites", merchants::invite, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/merchants/{id}/staff", merchants::staff, CITY_ADMIN, DISTRICT_ADMIN);
        delete(
            "/admin/merchants/{id}/staff/{userId}",
            merchants::removeStaff,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post("/admin/merchants/{id}/offers", merchants::createOffer, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/merchants/{id}/offers", merchants::merchantOffers, CITY_ADMIN, DISTRICT_ADMIN);
        patch("/admin/offers/{id}", merchants::updateOffer, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/points/adjustments", points::requestAdjustment, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/points/adjustments", points::adjustments, CITY_ADMIN, DISTRICT_ADMIN);
        post(
            "/admin/points/adjustments/{id}/approve",
            points::approveAdjustment,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        post(
            "/admin/points/adjustments/{id}/reject",
            points::rejectAdjustment,
            CITY_ADMIN,
            DISTRICT_ADMIN);
        get("/admin/points/invariants", points::invariants, CITY_ADMIN);
        get("/admin/points/summary", points::summary, CITY_ADMIN);

        post("/admin/surveys", surveys::create, ADMINS);
        get(
            "/admin/surveys",
            surveys::list,
            CITY_ADMIN,
            DISTRICT_ADMIN,
            STREET_SUPERVISOR,
            DASHBOARD);
        get("/admin/surveys/{id}", surveys::get, READERS);
        post("/admin/surveys/{id}/links", surveys::issueLink, ADMINS);
        post("/admin/surveys/{id}/close", surveys::close, ADMINS);
        get("/admin/surveys/{id}/results", surveys::results, BOARD_READERS);
        get("/survey-links/{scene}", surveys::open, AUTHENTICATED);
        post("/survey-links/{scene}/responses", surveys::answer, AUTHENTICATED);

        get("/admin/dashboard", dashboard::dashboard, CITY_ADMIN, DISTRICT_ADMIN, DASHBOARD);
        get("/admin/exports/{ledger}", dashboard::export, CITY_ADMIN, DISTRICT_ADMIN);

        post("/admin/volunteer-teams", volunteers::createTeam, CITY_ADMIN, DISTRICT_ADMIN);
        get("/admin/volunteer-teams", volunteers::listTeams, READERS);
        get("/admin/volunteer-teams/{id}", volunteers::getTeam, READERS);
        post("/admin/volunteer-teams/{id}/members", volunteers::addTeamMember, ADMINS);
        delete(
            "/admin/volunteer-teams/{id}/members/{volunteerId}",
            volunteers::removeTeamMember,
            ADMINS);
      });
    };
  }
}
