package cn.yuhao.care.privacy;

/** How sensitive values appear in responses to everyone whose role does not need them in full. */
public final class Masking {
  private Masking() {}

  /** {@code 500101199001011234} → {@code 5001**********1234}. */
  public static String idNumber(String id) {
    if (id == null) {
      return null;
    }
    if (id.length() <= 8) {
      return "*".repeat(id.length());
    }
    return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }

  /** {@code 13812345678} → {@code 138****5678}. */
  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    if (phone.length() < 7) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3)
        + "*".repeat(phone.length() - 7)
        + phone.substring(phone.length() - 4);
  }

  /** Keeps the first six characters (roughly the district and street), hides the rest. */
  public static String address(String address) {
    if (address == null) {
      return null;
    }
    int n = address.codePointCount(0, address.length());
    return n <= 6 ? "*".repeat(n) : address.substring(0, address.offsetByCodePoints(0, 6)) + "****";
  }

  /** {@code 张三} → {@code 张*}; {@code 欧阳娜娜} → {@code 欧***}. Counts characters, not UTF-16 units. */
  public static String name(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    int rest = name.codePointCount(first, name.length());
    return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
  }
}
