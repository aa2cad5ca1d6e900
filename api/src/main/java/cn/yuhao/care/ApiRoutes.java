package cn.yuhao.care;

import static cn.yuhao.care.RouteRoles.ADMINS;
import static cn.yuhao.care.RouteRoles.CITY_ADMIN;
import static cn.yuhao.care.RouteRoles.COACH;
import static cn.yuhao.care.RouteRoles.DISTRICT_ADMIN;
import static cn.yuhao.care.RouteRoles.READERS;
import static cn.yuhao.care.RouteRoles.READERS_AND_EVALUATORS;
import static cn.yuhao.care.RouteRoles.STREET_SUPERVISOR;
import static cn.yuhao.care.RouteRoles.VOLUNTEER;
import static cn.yuhao.care.RouteRoles.get;
import static cn.yuhao.care.http.Access.AUTHENTICATED;
import static cn.yuhao.care.http.Access.DASHBOARD;
import static cn.yuhao.care.http.Access.PUBLIC;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import cn.yuhao.care.activity.ActivityRoutes;
import cn.yuhao.care.audit.AuditRoutes;
import cn.yuhao.care.auth.WebTicketRoutes;
import cn.yuhao.care.checklist.CareRoutes;
import cn.yuhao.care.child.ChildRoutes;
import cn.yuhao.care.concern.ConcernRoutes;
import cn.yuhao.care.dashboard.DashboardRoutes;
import cn.yuhao.care.evaluation.EvaluationRoutes;
import cn.yuhao.care.merchant.MerchantRoutes;
import cn.yuhao.care.notify.NotifyRoutes;
import cn.yuhao.care.ops.OpsRoutes;
import cn.yuhao.care.pairing.PairingRoutes;
import cn.yuhao.care.points.PointsRoutes;
import cn.yuhao.care.region.RegionRoutes;
import cn.yuhao.care.survey.SurveyRoutes;
import cn.yuhao.care.training.TrainingRoutes;
import cn.yuhao.care.troupe.TroupeRoutes;
import cn.yuhao.care.user.InvitationRoutes;
import cn.yuhao.care.user.LoginRoutes;
import cn.yuhao.care.user.UserAdminRoutes;
import cn.yuhao.care.volunteer.HourClaimRoutes;
import cn.yuhao.care.volunteer.ServiceRecordRoutes;
import cn.yuhao.care.volunteer.VisitHoursRoutes;
import cn.yuhao.care.volunteer.VolunteerRoutes;
import io.javalin.apibuilder.EndpointGroup;

/**
 * The route table: it reads like the API (miniapp-contract/openapi.yaml), roles on every route. The people
 * (accounts, volunteers, children, pairings, care, reports) are here; the programmes in {@link ProgrammeRoutes}.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  static EndpointGroup table(
      OpsRoutes ops,
      LoginRoutes auth,
      WebTicketRoutes webTickets,
      UserAdminRoutes users,
      InvitationRoutes invitations,
      RegionRoutes regions,
      AuditRoutes audit,
      VolunteerRoutes volunteers,
      HourClaimRoutes hourClaims,
      ServiceRecordRoutes serviceRecords,
      VisitHoursRoutes visitHours,
      ChildRoutes children,
      PairingRoutes pairings,
      CareRoutes care,
      ConcernRoutes concerns,
      NotifyRoutes notify,
      TroupeRoutes troupes,
      PointsRoutes points,
      MerchantRoutes merchants,
      DashboardRoutes dashboard,
      SurveyRoutes surveys,
      EvaluationRoutes evaluation,
      ActivityRoutes activities,
      TrainingRoutes training,
      CaseRoutes.Handlers caseWork) {
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
        get("/dictionaries", ops::dictionaries, PUBLIC);
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
        get("/volunteers/me/service-record", serviceRecords::record, AUTHENTICATED);
        get("/volunteers/me/certificate.pdf", serviceRecords::certificate, AUTHENTICATED);
        get("/certificates/{number}", serviceRecords::check, PUBLIC);
        post("/care-records/{id}/hours", visitHours::request, VOLUNTEER);
        get("/visit-confirmations/{code}", visitHours::open, AUTHENTICATED);
        post("/visit-confirmations/{code}/confirm", visitHours::confirm, AUTHENTICATED);
        get("/admin/visit-hours", visitHours::list, READERS);
        post("/admin/visit-hours/{id}/confirm", visitHours::confirmBySupervisor, READERS);
        post("/volunteers/me/hour-claims", hourClaims::claim, VOLUNTEER);
        get("/volunteers/me/hour-claims", hourClaims::mine, VOLUNTEER);
        get("/admin/hour-claims", hourClaims::list, READERS);
        post("/admin/hour-claims/{id}/approve", hourClaims::approve, READERS);
        post("/admin/hour-claims/{id}/reject", hourClaims::reject, READERS);
        put("/admin/volunteers/{id}/tags", volunteers::setTags, ADMINS);
        post("/admin/volunteers/{id}/honours", volunteers::addHonour, ADMINS);
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
        get(
            "/admin/children/{id}/consent-links/{linkId}.png",
            children::consentLinkPng,
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
        get("/admin/care-compliance", care::compliance, READERS_AND_EVALUATORS);

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
        post("/admin/concerns/{id}/resolve", concerns::resolve, CITY_ADMIN, DISTRICT_ADMIN);
        post("/admin/concerns/{id}/close", concerns::close, CITY_ADMIN, DISTRICT_ADMIN);

        post("/me/subscriptions", notify::record, AUTHENTICATED);
        get("/me/subscriptions", notify::list, AUTHENTICATED);

        ProgrammeRoutes.register(
            troupes, points, merchants, surveys, dashboard, evaluation, activities, training);
        CaseRoutes.register(caseWork);

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
