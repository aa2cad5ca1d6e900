package cn.yuhao.care.volunteer;

import java.math.BigDecimal;
import org.jdbi.v3.core.Handle;

/** What the services that change a volunteer tell the dashboard, in the same transaction; see ChildCounters. */
public interface VolunteerCounters {
  /** A volunteer was just inserted. */
  void volunteerCreated(Handle h, long volunteerId);

  /** A volunteer changed (status, district, specialties): her counts follow. */
  void volunteerChanged(Handle h, long volunteerId);

  /** Verified service hours were added: her lifetime hours, hence maybe her stars, follow. */
  void serviceHoursAdded(Handle h, long volunteerId, BigDecimal hours);
}
