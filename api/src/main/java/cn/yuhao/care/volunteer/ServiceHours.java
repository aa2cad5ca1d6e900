package cn.yuhao.care.volunteer;

import java.math.BigDecimal;

/** How service hours are counted, for check-ins and claims alike. */
public final class ServiceHours {
  private ServiceHours() {}

  /**
   * Service hours as Chongqing's volunteer system counts them: whole hours, then the rest of the last hour
   * started: up to 15 minutes counts nothing, up to 45 minutes half an hour, more a whole hour.
   */
  public static BigDecimal of(long minutes) {
    long whole = minutes / 60;
    long rest = minutes % 60;
    BigDecimal part =
        rest <= 15 ? BigDecimal.ZERO : rest <= 45 ? new BigDecimal("0.5") : BigDecimal.ONE;
    return BigDecimal.valueOf(whole).add(part).setScale(1);
  }
}
