package cn.yuhao.care.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every subscribe message the service sends: who it is for, its data keys (as the template chosen in the WeChat
 * console names them) and the mini-program page it opens with its query parameters. {@link Outbox} refuses a
 * message that does not match its entry, and a test holds miniapp-contract/subscribe-messages.md to this list.
 */
public final class TemplateCatalog {
  /** One template: the page is a path; {@code query} are the parameter names its link carries. */
  public record Template(
      String name, String purpose, List<String> keys, String page, List<String> query) {}

  public static final Map<String, Template> ALL = catalog(
      new Template(
          "CARE_WEEKLY",
          "本周联系孩子提醒（志愿者）",
          List.of("thing1", "thing2", "date3", "thing4"),
          "pages/care/record/index",
          List.of("pairingId")),
      new Template(
          "CARE_OVERDUE",
          "辖区 6+1 逾期汇总（督导、管理员）",
          List.of("thing1", "number2", "number3", "thing4"),
          "pages/admin/compliance/index",
          List.of()),
      new Template(
          "CONCERN_ALERT",
          "强制报告提醒（管理员）",
          List.of("thing1", "phrase2", "time3", "thing4"),
          "pages/admin/concern/index",
          List.of("id")),
      new Template(
          "CONCERN_CLOSED",
          "您的强制报告已办结（报告人）",
          List.of("thing1", "phrase2", "time3", "thing4"),
          "pages/concern/mine/index",
          List.of("id")),
      new Template(
          "POINTS_EXPIRING",
          "积分即将到期提醒（志愿者）",
          List.of("thing1", "number2", "date3", "thing4"),
          "pages/points/index",
          List.of()),
      new Template(
          "ACTIVITY_REMINDER",
          "报名活动前一天提醒（志愿者）",
          List.of("thing1", "time2", "thing3", "thing4"),
          "pages/activity/detail/index",
          List.of("id")));

  private TemplateCatalog() {}

  private static Map<String, Template> catalog(Template... all) {
    Map<String, Template> out = new LinkedHashMap<>();
    for (Template t : all) {
      out.put(t.name(), t);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Throws when a message does not match its template: other keys, another page or other parameters. */
  static void check(String name, String page, Map<String, String> data) {
    Template t = ALL.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown template " + name);
    }
    if (!new TreeSet<>(data.keySet()).equals(new TreeSet<>(t.keys()))) {
      throw new IllegalArgumentException(name + " takes " + t.keys() + ", not " + data.keySet());
    }
    int q = page.indexOf('?');
    String path = q < 0 ? page : page.substring(0, q);
    Set<String> params = new TreeSet<>();
    if (q >= 0) {
      for (String kv : page.substring(q + 1).split("&")) {
        params.add(kv.split("=", 2)[0]);
      }
    }
    if (!path.equals(t.page()) || !params.equals(new TreeSet<>(t.query()))) {
      throw new IllegalArgumentException(
          name + " opens " + t.page() + " with " + t.query() + ", not " + page);
    }
  }
}
