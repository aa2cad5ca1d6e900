package cn.yuhao.care.volunteer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Handle;

/**
 * SQL of service hours, the one table every way of serving writes to (session check-ins, activity check-ins,
 * confirmed care visits, approved claims), each row under a business key the points job pays once.
 */
public final class ServiceHoursDao {
  private final Handle h;

  public ServiceHoursDao(Handle h) {
    this.h = h;
  }

  /** Writes the hours under {@code businessKey}; false if that key was written already. */
  public boolean add(
      long id,
      String businessKey,
      long userId,
      long volunteerId,
      Long sessionId,
      BigDecimal hours,
      boolean verified,
      LocalDate servedOn,
      Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO service_hours (id, business_key, user_id, volunteer_id, session_id, hours, verified,
                                                  served_on, created_at)
                VALUES (:id, :key, :u, :v, :s, :hours, :verified, :day, :now)""")
            .bind("id", id)
            .bind("key", businessKey)
            .bind("u", userId)
            .bind("v", volunteerId)
            .bind("s", sessionId)
            .bind("hours", hours)
            .bind("verified", verified)
            .bind("day", servedOn)
            .bind("now", now)
            .execute()
        == 1;
  }
}
