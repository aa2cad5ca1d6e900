package cn.yuhao.care.child;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/** Age and school grade, derived from the birth date and school entry year in Chongqing's time zone. */
public final class ChildAges {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  private ChildAges() {}

  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), CHONGQING);
  }

  public static int age(LocalDate birthDate, Clock clock) {
    return Period.between(birthDate, today(clock)).getYears();
  }

  /** School years start on 1 September: entering in 2024 means grade 3 from September 2026. */
  public static Integer grade(Integer entryYear, Clock clock) {
    if (entryYear == null) {
      return null;
    }
    LocalDate today = today(clock);
    int schoolYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
    int grade = schoolYear - entryYear + 1;
    return grade >= 1 && grade <= 12 ? grade : null;
  }

  /** What a volunteer may know of an unpaired child's age: a band, not the birthday. */
  public static String band(int age) {
    if (age < 6) {
      return "6 岁以下";
    }
    if (age < 9) {
      return "6–8 岁";
    }
    if (age < 12) {
      return "9–11 岁";
    }
    if (age < 15) {
      return "12–14 岁";
    }
    return "15–17 岁";
  }
}
