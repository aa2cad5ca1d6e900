package cn.yuhao.care.concern;

import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.config.CareRules;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Templates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Who hears of a harm report: the district admins of the child's district when it is made, the city admins
 * when it goes unacknowledged past its deadline. Queued in the report's own transaction; URGENT reports and
 * escalations ignore quiet hours. The message names the kind of harm, never the child.
 */
public final class ConcernAlerts {
  static final Map<String, String> CATEGORY_LABELS = Map.of(
      "ABUSE_VIOLENCE",
      "疑似遭受虐待或暴力",
      "SEXUAL_ABUSE",
      "疑似遭受性侵害",
      "NEGLECT",
      "监护缺失或被忽视",
      "SELF_HARM",
      "自伤或心理危机",
      "DROPOUT",
      "辍学",
      "HEALTH_EMERGENCY",
      "健康急症",
      "OTHER",
      "其他困境");
  private static final Map<String, String> SEVERITY_LABELS =
      Map.of("URGENT", "紧急", "HIGH", "较高", "NORMAL", "一般");

  private final Outbox outbox;
  private final CareRules rules;

  public ConcernAlerts(Outbox outbox, CareRules rules) {
    this.outbox = outbox;
    this.rules = rules;
  }

  void reported(
      Handle h,
      long concernId,
      String districtCode,
      String severity,
      String category,
      Instant now) {
    List<Long> admins = new GrantDao(h).holders(Set.of("DISTRICT_ADMIN"), districtCode);
    for (long admin : admins) {
      outbox.enqueue(
          h,
          admin,
          "CONCERN_ALERT",
          "concern:" + concernId + ":" + admin,
          "pages/admin/concern/index?id=" + concernId,
          data(category, severity, now, "请在" + rules.slaHours().get(severity) + "小时内受理"),
          "URGENT".equals(severity));
    }
  }

  void escalated(Handle h, long concernId, Instant now) {
    ConcernDao.Kind row = new ConcernDao(h).kind(concernId);
    List<Long> cityAdmins = new GrantDao(h).holders(Set.of("CITY_ADMIN"), null);
    for (long admin : cityAdmins) {
      outbox.enqueue(
          h,
          admin,
          "CONCERN_ALERT",
          "escalated:" + concernId + ":" + admin,
          "pages/admin/concern/index?id=" + concernId,
          data(row.category(), row.severity(), now, "区县超时未受理，已上报市级"),
          true);
    }
  }

  /** A referral past a deadline: the city hears of it as of an unacknowledged report. */
  void referralEscalated(Handle h, long concernId, long referralId, boolean receipt, Instant now) {
    ConcernDao.Kind row = new ConcernDao(h).kind(concernId);
    for (long admin : new GrantDao(h).holders(Set.of("CITY_ADMIN"), null)) {
      outbox.enqueue(
          h,
          admin,
          "CONCERN_ALERT",
          "referral:" + referralId + (receipt ? ":receipt:" : ":outcome:") + admin,
          "pages/admin/concern/index?id=" + concernId,
          data(row.category(), row.severity(), now, receipt ? "移交单位超时未确认接收" : "移交单位超时未反馈结果"),
          true);
    }
  }

  /** The reporter hears that her report is closed; nothing of its handling is in the message. */
  void closed(Handle h, long concernId, long reporterUserId, Instant now) {
    ConcernDao.Kind row = new ConcernDao(h).kind(concernId);
    outbox.enqueue(
        h,
        reporterUserId,
        "CONCERN_CLOSED",
        "closed:" + concernId,
        "pages/concern/mine/index?id=" + concernId,
        data(row.category(), row.severity(), now, "您的报告已办结，感谢您守护孩子"),
        false);
  }

  private static Map<String, String> data(
      String category, String severity, Instant at, String hint) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("thing1", Templates.thing("强制报告：" + CATEGORY_LABELS.get(category)));
    d.put("phrase2", Templates.phrase(SEVERITY_LABELS.get(severity)));
    d.put("time3", Templates.time(at));
    d.put("thing4", Templates.thing(hint));
    return d;
  }
}
