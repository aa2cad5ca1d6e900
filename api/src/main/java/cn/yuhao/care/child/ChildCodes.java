package cn.yuhao.care.child;

import java.util.Set;

/** The ledger's coded values, as the civil-affairs and federation forms name them. */
final class ChildCodes {
  private ChildCodes() {}

  /** Null-safe membership (Set.of refuses to be asked about null). */
  static boolean is(Set<String> codes, String value) {
    return value != null && codes.contains(value);
  }

  /** 散居孤儿, 事实无人抚养, 留守, 流动, 低保家庭重残重病, 其他困境. */
  static final Set<String> CATEGORIES = Set.of(
      "ORPHAN", "UNSUPPORTED", "LEFT_BEHIND", "MIGRANT", "POOR_DISABLED_ILL", "OTHER_DIFFICULT");
  /** 生活困难, 亲情缺失, 学业落后, 心理问题, 法律意识淡薄, 健康/残疾. */
  static final Set<String> NEEDS = Set.of(
      "LIVING_DIFFICULTY",
      "LACK_OF_AFFECTION",
      "ACADEMIC_LAG",
      "PSYCHOLOGICAL",
      "LEGAL_AWARENESS",
      "HEALTH_DISABILITY");
  /** 一对一 困难关爱, 多对一 重点关爱, 多对多 团体关爱. */
  static final Set<String> CARE_LEVELS = Set.of("ONE_TO_ONE", "CASE_TEAM", "GROUP");

  static final Set<String> RISK_FLAGS =
      Set.of("HIGH_RISK", "ABUSE_SUSPECTED", "SELF_HARM_RISK", "DROPOUT_RISK");
  static final Set<String> STATUSES = Set.of("ACTIVE", "MOVED", "AGED_OUT", "CLOSED");
  static final Set<String> GENDERS = Set.of("MALE", "FEMALE");
  static final Set<String> RELATIONS =
      Set.of("FATHER", "MOTHER", "GRANDPARENT", "RELATIVE", "OTHER");
}
