package cn.yuhao.care.notify;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The grants a user gave in wx.requestSubscribeMessage: each accepted one-time template allows one message.
 * The mini-program reports what was accepted; we count, and the outbox spends one per message.
 */
public final class SubscriptionService {
  /** More than this many grants of one template at once is not something a person tapped. */
  static final int MAX_TIMES = 10;

  public record Grant(String template, Integer times) {}

  public record GrantsInput(List<Grant> accepted) {}

  public record Subscription(String template, String templateId, String purpose, int remaining) {}

  private final Jdbi jdbi;
  private final Map<String, String> templateIds;
  private final Clock clock;

  public SubscriptionService(Jdbi jdbi, Map<String, String> templateIds, Clock clock) {
    this.jdbi = jdbi;
    this.templateIds = templateIds;
    this.clock = clock;
  }

  public List<Subscription> record(Caller caller, GrantsInput in) {
    Fields f = new Fields().require("accepted", in.accepted());
    if (in.accepted() != null) {
      if (in.accepted().isEmpty() || in.accepted().size() > templateIds.size()) {
        f.fail("accepted", "请列出本次同意的 1 到 " + templateIds.size() + " 个模板");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < in.accepted().size(); i++) {
        Grant g = in.accepted().get(i);
        f.require("accepted[" + i + "].template", g.template())
            .require("accepted[" + i + "].times", g.times())
            .check(
                g.template(),
                g.template() == null || templateIds.containsKey(g.template()),
                "accepted[" + i + "].template",
                "没有这个消息模板")
            .check(
                g.times(),
                g.times() == null || (g.times() >= 1 && g.times() <= MAX_TIMES),
                "accepted[" + i + "].times",
                "次数应为 1 到 " + MAX_TIMES);
        if (g.template() != null && !seen.add(g.template())) {
          f.fail("accepted[" + i + "].template", "模板重复");
        }
      }
    }
    f.throwIfAny();
    jdbi.useTransaction(h -> {
      for (Grant g : in.accepted()) {
        new NotifyDao(h).addGrants(caller.userId(), g.template(), g.times(), clock.instant());
      }
    });
    return list(caller);
  }

  /** Every template with its WeChat id (for wx.requestSubscribeMessage) and the grants left. */
  public List<Subscription> list(Caller caller) {
    Map<String, Integer> remaining = jdbi.withHandle(h -> new NotifyDao(h).grants(caller.userId()));
    return cn.yuhao.care.config.AppConfig.TEMPLATE_NAMES.stream()
        .map(t -> new Subscription(
            t,
            templateIds.get(t),
            TemplateCatalog.ALL.get(t).purpose(),
            remaining.getOrDefault(t, 0)))
        .toList();
  }
}
