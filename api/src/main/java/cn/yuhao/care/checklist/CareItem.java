package cn.yuhao.care.checklist;

import java.util.Arrays;
import java.util.List;

/** The "6+1" items (关爱事项清单), each with its cadence; FREE_VISIT is a record kind that fulfils no item. */
public enum CareItem {
  CONTACT_CHILD(Cadence.WEEK, "联系儿童"),
  TALK_GUARDIAN(Cadence.MONTH, "与监护人沟通"),
  PARENT_CHILD_ACTIVITY(Cadence.SEMESTER, "亲子活动"),
  FESTIVAL(Cadence.YEAR, "共度节日"),
  READING(Cadence.YEAR, "共读一本书"),
  LAW_SAFETY(Cadence.YEAR, "法治安全自护课"),
  FAMILY_EDUCATION(Cadence.CONTINUOUS, "家庭教育指导");

  public enum Cadence {
    WEEK,
    MONTH,
    SEMESTER,
    YEAR,
    CONTINUOUS
  }

  public static final List<CareItem> PERIODIC =
      Arrays.stream(values()).filter(i -> i.cadence != Cadence.CONTINUOUS).toList();

  private final Cadence cadence;
  private final String label;

  CareItem(Cadence cadence, String label) {
    this.cadence = cadence;
    this.label = label;
  }

  public Cadence cadence() {
    return cadence;
  }

  public String label() {
    return label;
  }

  /** The item a record kind fulfils, or null for a free visit. */
  public static CareItem ofKind(String kind) {
    return Arrays.stream(values())
        .filter(i -> i.name().equals(kind))
        .findFirst()
        .orElse(null);
  }
}
