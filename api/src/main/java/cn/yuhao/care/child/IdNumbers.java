package cn.yuhao.care.child;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** Mainland resident ID numbers (GB 11643-1999): 18 characters, the last a mod-11 check character. */
public final class IdNumbers {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = "10X98765432".toCharArray();
  private static final DateTimeFormatter BIRTH =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private static final Pattern SHAPE = Pattern.compile("[0-9]{17}[0-9X]");

  private IdNumbers() {}

  static String normalize(String raw) {
    return raw == null ? null : raw.trim().toUpperCase();
  }

  static boolean valid(String id) {
    if (id == null || !SHAPE.matcher(id).matches()) {
      return false;
    }
    return check(id) == id.charAt(17) && birthDate(id) != null;
  }

  /** The 17 digits with their check character appended (demo data and tests make numbers this way). */
  public static String complete(String first17) {
    return first17 + check(first17);
  }

  private static char check(String id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** The birth date written in the number, or null when it is not a real date. */
  static LocalDate birthDate(String id) {
    try {
      return LocalDate.parse(id.substring(6, 14), BIRTH);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
