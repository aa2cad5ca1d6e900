package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.config.CareRules;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Templates;
import cn.yuhao.care.privacy.Masking;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Reminders the scheduler queues on the configured weekday from the configured hour (Asia/Shanghai): to each
 * volunteer leading a pairing whose weekly contact is owed and not yet logged, and to each street supervisor
 * and district admin with overdue items or uncontacted children in scope. Dedupe keys make one reminder per
 * pairing (or supervisor) per week, however often the job runs; the outbox spends grants and keeps quiet hours.
 */
public final class CareReminders {
  private final Jdbi jdbi;
  private final CarePeriods periods;
  private final ComplianceService compliance;
  private final Outbox outbox;
  private final CareRules rules;
  private final Clock clock;

  public CareReminders(
      Jdbi jdbi, CarePeriods periods, ComplianceService compliance, Outbox outbox, Clock clock) {
    this.jdbi = jdbi;
    this.periods = periods;
    this.compliance = compliance;
    this.outbox = outbox;
    this.rules = periods.rules();
    this.clock = clock;
  }

  private boolean reminderTime(Instant now) {
    ZonedDateTime local = now.atZone(CarePeriods.CHONGQING);
    return local.getDayOfWeek() == rules.remindWeekday() && local.getHour() >= rules.remindHour();
  }

  public int weeklyContact() {
    Instant now = clock.instant();
    if (!reminderTime(now)) {
      return 0;
    }
    CarePeriods.Period week = periods.of(CareItem.Cadence.WEEK, CarePeriods.day(now));
    Instant weekStart = week.start().atStartOfDay(CarePeriods.CHONGQING).toInstant();
    return jdbi.inTransaction(h -> {
      List<CareDao.Uncontacted> pending = new CareDao(h).uncontactedSince(weekStart);
      int queued = 0;
      for (CareDao.Uncontacted p : pending) {
        if (periods
            .firstOwed(CareItem.Cadence.WEEK, CarePeriods.day(p.startedAt()))
            .start()
            .isAfter(week.start())) {
          continue; // started too late in the week to owe it
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", Templates.thing("本周还没有记录联系孩子"));
        data.put("thing2", Templates.thing(Masking.name(p.childName())));
        data.put("date3", Templates.date(week.dueDate()));
        data.put("thing4", Templates.thing("请在周日前联系孩子并记录"));
        if (outbox.enqueue(
            h,
            p.userId(),
            "CARE_WEEKLY",
            "weekly:" + p.pairingId() + ":" + week.key(),
            "pages/care/record/index?pairingId=" + p.pairingId(),
            data,
            false)) {
          queued++;
        }
      }
      return queued;
    });
  }

  public int overdueSummaries() {
    Instant now = clock.instant();
    if (!reminderTime(now)) {
      return 0;
    }
    String week = periods.of(CareItem.Cadence.WEEK, CarePeriods.day(now)).key();
    List<Long> supervisors = jdbi.withHandle(
        h -> new GrantDao(h).holders(Set.of("STREET_SUPERVISOR", "DISTRICT_ADMIN"), null));
    int queued = 0;
    for (long userId : supervisors) {
      Caller supervisor =
          new Caller(userId, 0, jdbi.withHandle(h -> new GrantDao(h).ofUser(userId)), "scheduler");
      ComplianceService.Compliance c = compliance.compliance(supervisor, null, null, null);
      if (c.overdue().isEmpty() && c.noContact().isEmpty()) {
        continue;
      }
      Map<String, String> data = new LinkedHashMap<>();
      data.put("thing1", Templates.thing("辖区关爱事项逾期提醒"));
      data.put("number2", Templates.number(c.overdue().size()));
      data.put("number3", Templates.number(c.noContact().size()));
      data.put("thing4", Templates.thing("请查看并督促志愿者跟进"));
      boolean added = jdbi.inTransaction(h -> outbox.enqueue(
          h,
          userId,
          "CARE_OVERDUE",
          "overdue:" + userId + ":" + week,
          "pages/admin/compliance/index",
          data,
          false));
      if (added) {
        queued++;
      }
    }
    return queued;
  }
}
