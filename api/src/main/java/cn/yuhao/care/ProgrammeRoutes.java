package cn.yuhao.care;

import static cn.yuhao.care.RouteRoles.ADMINS;
import static cn.yuhao.care.RouteRoles.BOARD_READERS_AND_EVALUATORS;
import static cn.yuhao.care.RouteRoles.CITY_ADMIN;
import static cn.yuhao.care.RouteRoles.COACH;
import static cn.yuhao.care.RouteRoles.DISTRICT_ADMIN;
import static cn.yuhao.care.RouteRoles.EVALUATOR;
import static cn.yuhao.care.RouteRoles.MERCHANT_STAFF;
import static cn.yuhao.care.RouteRoles.READERS;
import static cn.yuhao.care.RouteRoles.READERS_AND_EVALUATORS;
import static cn.yuhao.care.RouteRoles.STREET_SUPERVISOR;
import static cn.yuhao.care.RouteRoles.VOLUNTEER;
import static cn.yuhao.care.RouteRoles.get;
import static cn.yuhao.care.http.Access.AUTHENTICATED;
import static cn.yuhao.care.http.Access.DASHBOARD;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import cn.yuhao.care.activity.ActivityRoutes;
import cn.yuhao.care.dashboard.DashboardRoutes;
import cn.yuhao.care.evaluation.EvaluationRoutes;
import cn.yuhao.care.merchant.MerchantRoutes;
import cn.yuhao.care.points.PointsRoutes;
import cn.yuhao.care.survey.SurveyRoutes;
import cn.yuhao.care.training.TrainingRoutes;
import cn.yuhao.care.troupe.TroupeRoutes;

/**
 * The programmes' routes: troupes, points and merchants, activities, surveys, the dashboard and the evaluators'
 * reads.
 */
final class ProgrammeRoutes {
  private ProgrammeRoutes() {}

  static void register(
      TroupeRoutes troupes,
      PointsRoutes points,
      MerchantRoutes merchants,
      SurveyRoutes surveys,
      DashboardRoutes dashboard,
      EvaluationRoutes evaluation,
      ActivityRoutes activities,
      TrainingRoutes training) {
    post("/admin/troupes", troupes::apply, CITY_ADMIN, DISTRICT_ADMIN);
    get("/admin/troupes", troupes::list, CITY_ADMIN, DISTRICT_ADMIN);
    get("/troupes/{id}", troupes::get, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    post("/admin/troupes/{id}/approve", troupes::approve, CITY_ADMIN);
    post("/admin/troupes/{id}/return", troupes::returnApplication, CITY_ADMIN);
    post("/admin/troupes/{id}/resubmit", troupes::resubmit, CITY_ADMIN, DISTRICT_ADMIN);
    post("/admin/troupes/{id}/coaches", troupes::addCoach, CITY_ADMIN, DISTRICT_ADMIN);
    delete(
        "/admin/troupes/{id}/coaches/{userId}", troupes::removeCoach, CITY_ADMIN, DISTRICT_ADMIN);
    post("/admin/troupes/{id}/members", troupes::addMember, CITY_ADMIN, DISTRICT_ADMIN);
    delete(
        "/admin/troupes/{id}/members/{childId}", troupes::removeMember, CITY_ADMIN, DISTRICT_ADMIN);
    post(
        "/admin/troupes/{id}/members/{childId}/badge",
        troupes::reissueBadge,
        CITY_ADMIN,
        DISTRICT_ADMIN);
    get("/admin/troupes/{id}/badges", troupes::badges, CITY_ADMIN, DISTRICT_ADMIN);
    get("/admin/troupes/{id}/badges.pdf", troupes::badgeSheet, CITY_ADMIN, DISTRICT_ADMIN);
    get("/admin/troupes/{id}/badges/{childId}.png", troupes::badgePng, ADMINS);
    get("/troupes/{id}/roster", troupes::roster, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    post("/troupes/{id}/sessions", troupes::createSessions, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    get("/troupes/{id}/sessions", troupes::listSessions, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    get("/troupes/{id}/progress", troupes::progress, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    post("/troupes/{id}/assessments", troupes::recordAssessment, COACH, CITY_ADMIN, DISTRICT_ADMIN);
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
    put(
        "/troupes/{id}/self-checks/{year}",
        troupes::submitSelfCheck,
        COACH,
        CITY_ADMIN,
        DISTRICT_ADMIN);
    get("/troupes/{id}/self-checks", troupes::selfChecks, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    post("/sessions/{id}/cancel", troupes::cancelSession, COACH, CITY_ADMIN, DISTRICT_ADMIN);
    post("/sessions/{id}/attendance/batch", troupes::batch, COACH); // the live scan is at the top
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
    get(
        "/admin/merchants/{id}/staff-invites/{inviteId}.png",
        merchants::invitePng,
        CITY_ADMIN,
        DISTRICT_ADMIN);
    get("/admin/merchants/{id}/staff", merchants::staff, CITY_ADMIN, DISTRICT_ADMIN);
    delete(
        "/admin/merchants/{id}/staff/{userId}", merchants::removeStaff, CITY_ADMIN, DISTRICT_ADMIN);
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

    post("/admin/activities", activities::create, READERS);
    get("/admin/activities", activities::list, READERS);
    get("/admin/activities/{id}/signups", activities::signups, READERS);
    post("/admin/activities/{id}/signups/{volunteerId}/approve", activities::approve, READERS);
    post("/admin/activities/{id}/signups/{volunteerId}/reject", activities::reject, READERS);
    get("/activities", activities::open, VOLUNTEER);
    post("/activities/{id}/signups", activities::signUp, VOLUNTEER);
    post("/activities/{id}/signups/cancel", activities::cancel, VOLUNTEER);
    get("/activities/{id}/checkin-code", activities::checkinCode, READERS);
    post("/admin/activities/{id}/children", activities::addChildren, READERS);
    get("/admin/activities/{id}/children", activities::children, READERS);
    post("/admin/activities/{id}/photos", activities::addPhotos, ADMINS);
    get("/admin/activities/{id}/photos", activities::photos, READERS);
    get(
        "/pairings/{id}/activities",
        activities::ofPairing,
        VOLUNTEER,
        CITY_ADMIN,
        DISTRICT_ADMIN,
        STREET_SUPERVISOR);
    post("/activity-checkins", activities::checkIn, VOLUNTEER);
    post("/activity-checkins/{id}/checkout", activities::checkOut, VOLUNTEER);
    get("/volunteers/me/activity-checkins", activities::myCheckins, VOLUNTEER);

    post("/admin/courses", training::create, ADMINS);
    get("/admin/courses", training::courses, READERS);
    post("/admin/courses/{id}/completions", training::complete, READERS);
    get("/admin/training-coverage", training::coverage, READERS);
    get("/volunteers/me/training", training::mine, AUTHENTICATED);

    post("/admin/surveys", surveys::create, ADMINS);
    get("/admin/surveys", surveys::list, BOARD_READERS_AND_EVALUATORS);
    get("/admin/surveys/{id}", surveys::get, READERS_AND_EVALUATORS);
    post("/admin/surveys/{id}/links", surveys::issueLink, ADMINS);
    get("/admin/surveys/{id}/links/{linkId}.png", surveys::linkPng, ADMINS);
    post("/admin/surveys/{id}/close", surveys::close, ADMINS);
    get("/admin/surveys/{id}/results", surveys::results, BOARD_READERS_AND_EVALUATORS);
    get("/survey-links/{scene}", surveys::open, AUTHENTICATED);
    post("/survey-links/{scene}/responses", surveys::answer, AUTHENTICATED);

    get("/admin/dashboard", dashboard::dashboard, CITY_ADMIN, DISTRICT_ADMIN, EVALUATOR, DASHBOARD);
    get("/admin/exports/{ledger}", dashboard::export, CITY_ADMIN, DISTRICT_ADMIN, EVALUATOR);
    get("/admin/evaluation/child-sample", evaluation::childSample, EVALUATOR);
  }
}
