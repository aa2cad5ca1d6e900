package cn.yuhao.care.concern;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.concern.ConcernService.Concern;
import cn.yuhao.care.concern.ConcernService.Event;
import cn.yuhao.care.concern.ConcernService.MyConcern;
import cn.yuhao.care.concern.ConcernService.Reporter;
import cn.yuhao.care.concern.ConcernService.Summary;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.util.List;

/** Reports as admins and reporters see them: the reporter hidden from supervisors, sealed fields opened. */
final class ConcernViews {
  private final FieldCipher cipher;
  private final Clock clock;

  ConcernViews(FieldCipher cipher, Clock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  Summary summary(ConcernDao dao, ConcernDao.Row r) {
    boolean overdue = "REPORTED".equals(r.status()) && clock.instant().isAfter(r.ackDueAt());
    boolean suggest = !"NORMAL".equals(r.severity())
        && !"CLOSED".equals(r.status())
        && !dao.hasActiveCaseTeam(r.childId());
    return new Summary(
        Long.toString(r.id()),
        Long.toString(r.childId()),
        r.childName(),
        r.districtCode(),
        r.street(),
        r.category(),
        r.severity(),
        r.status(),
        r.occurredAt(),
        r.createdAt(),
        r.ackDueAt(),
        overdue,
        r.escalatedAt(),
        suggest);
  }

  Concern full(ConcernDao dao, ConcernDao.Row r, Caller admin) {
    // Street supervisors follow the case but do not learn who reported it.
    boolean admins =
        admin.hasRole(Role.CITY_ADMIN) || admin.adminScope().coversDistrict(r.districtCode());
    Reporter reporter =
        admins ? new Reporter(Long.toString(r.reporterUserId()), r.reporterRole()) : null;
    List<Event> events = dao.events(r.id()).stream()
        .map(e -> new Event(
            e.action(),
            e.fromStatus(),
            e.toStatus(),
            admins && e.actorUserId() != null ? Long.toString(e.actorUserId()) : null,
            e.actorRole(),
            e.note(),
            e.createdAt()))
        .toList();
    return new Concern(
        summary(dao, r),
        cipher.decrypt(r.descriptionEnc(), "concerns.description"),
        reporter,
        new ReferralViews(cipher).of(dao.handle(), r.id(), clock.instant()),
        r.outcomeEnc() == null ? null : cipher.decrypt(r.outcomeEnc(), "concerns.outcome"),
        r.acknowledgedAt(),
        r.resolvedAt(),
        r.closedAt(),
        events,
        Attachments.of(dao.handle(), FilePurpose.CONCERN_EVIDENCE, r.id()));
  }

  MyConcern mine(ConcernDao dao, ConcernDao.Row r) {
    return new MyConcern(
        Long.toString(r.id()),
        r.childName(),
        r.category(),
        r.severity(),
        r.status(),
        r.occurredAt(),
        r.createdAt(),
        r.closedAt(),
        ReferralViews.progress(dao.handle(), r.id()),
        ConcernService.EMERGENCY_ADVICE);
  }
}
