package cn.yuhao.care.activity;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Templates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The day before an activity, a reminder (subscribe message ACTIVITY_REMINDER) to each volunteer whose sign-up
 * is confirmed. One per activity and volunteer however often the job runs (dedupe key); the outbox spends her
 * subscription grants and keeps quiet hours, as for every other message.
 */
public final class ActivityReminders {
  private final Jdbi jdbi;
  private final Outbox outbox;
  private final Clock clock;

  public ActivityReminders(Jdbi jdbi, Outbox outbox, Clock clock) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Queues reminders for activities starting tomorrow (Chongqing days); returns how many were new. */
  public int dayBefore() {
    LocalDate tomorrow = CarePeriods.day(clock.instant()).plusDays(1);
    Instant from = tomorrow.atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant to = tomorrow.plusDays(1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    return jdbi.inTransaction(h -> {
      int queued = 0;
      for (ActivityDao.Due d : new ActivityDao(h).confirmedStarting(from, to)) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", Templates.thing(d.title()));
        data.put("time2", Templates.time(d.startsAt()));
        data.put("thing3", Templates.thing(d.place()));
        data.put("thing4", Templates.thing("明天的活动，请准时参加并扫码签到"));
        if (outbox.enqueue(
            h,
            d.userId(),
            "ACTIVITY_REMINDER",
            "activity:" + d.activityId() + ":" + d.userId(),
            "pages/activity/detail/index?id=" + d.activityId(),
            data,
            false)) {
          queued++;
        }
      }
      return queued;
    });
  }
}
