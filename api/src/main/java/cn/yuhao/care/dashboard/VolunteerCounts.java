package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.dashboard.Counts.Deltas;
import cn.yuhao.care.dashboard.VolunteerCountsDao.VolunteerState;
import cn.yuhao.care.volunteer.VolunteerCounters;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Volunteers by district, status and stars; admitted ones by specialty, by source tag and whether trained (see
 * {@link Counts}).
 */
public final class VolunteerCounts implements VolunteerCounters {
  @Override
  public void serviceHoursAdded(Handle h, long volunteerId, BigDecimal hours) {
    new VolunteerCountsDao(h).addHours(volunteerId, hours);
    volunteerChanged(h, volunteerId);
  }

  @Override
  public void volunteerChanged(Handle h, long volunteerId) {
    refresh(h, volunteerId, false);
  }

  /** See {@link ChildCounts#childCreated} for why her missing state is not read. */
  @Override
  public void volunteerCreated(Handle h, long volunteerId) {
    refresh(h, volunteerId, true);
  }

  private static void refresh(Handle h, long volunteerId, boolean created) {
    VolunteerCountsDao dao = new VolunteerCountsDao(h);
    VolunteerState now = dao.volunteer(volunteerId);
    Optional<VolunteerState> before =
        created ? Optional.empty() : dao.volunteerCounted(volunteerId);
    if (before.isPresent() && before.get().equals(now)) {
      return;
    }
    Deltas d = new Deltas();
    before.ifPresent(b -> count(d, b, -1));
    count(d, now, 1);
    if (before.isPresent() && !Objects.equals(before.get().district(), now.district())) {
      // Her latest care record's day moves to her new district.
      dao.activityCounted(volunteerId).ifPresent(a -> {
        d.add(Counter.ACTIVE_DAYS, -1, before.get().district(), CarePeriods.day(a.last()));
        d.add(Counter.ACTIVE_DAYS, 1, now.district(), CarePeriods.day(a.last()));
        dao.moveActivity(volunteerId, now.district());
      });
    }
    dao.saveVolunteer(volunteerId, now);
    d.write(new CountsDao(h));
  }

  private static void count(Deltas d, VolunteerState v, int sign) {
    d.add(Counter.VOLUNTEERS, sign, v.district(), v.status(), v.stars());
    if ("ADMITTED".equals(v.status())) {
      for (String s : v.specialties().split(",")) {
        if (!s.isBlank()) {
          d.add(Counter.SPECIALTIES, sign, v.district(), s.strip());
        }
      }
      for (String t : v.sourceTags().split(",")) {
        if (!t.isBlank()) {
          d.add(Counter.TAGS, sign, v.district(), t.strip());
        }
      }
      if (v.trained()) {
        d.add(Counter.TRAINED, sign, v.district());
      }
    }
  }
}
