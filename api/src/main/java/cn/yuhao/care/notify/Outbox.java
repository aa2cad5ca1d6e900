package cn.yuhao.care.notify;

import cn.yuhao.care.config.CareRules;
import cn.yuhao.care.wechat.WeChatGateway;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribe messages, sent after the fact: {@link #enqueue} writes one in the caller's transaction (so a
 * reminder exists exactly when its cause committed), {@link #deliver} sends the due ones. A message takes one
 * of the user's grants before it is sent and is never sent without one; quiet hours hold back all but urgent
 * messages; a failure WeChat may recover from is retried with backoff (1 min, 5 min, 30 min, 2 h, 12 h) and
 * the grant given back; a message is sent at most once (SENDING is never retried blindly).
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  static final List<Duration> BACKOFF = List.of(
      Duration.ofMinutes(1),
      Duration.ofMinutes(5),
      Duration.ofMinutes(30),
      Duration.ofHours(2),
      Duration.ofHours(12));
  /** WeChat's errcodes after which trying again cannot help. */
  private static final int NO_GRANT = 43101;

  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  public record Message(
      long id,
      long userId,
      String template,
      String page,
      Map<String, String> data,
      boolean urgent,
      int attempts) {}

  private final Jdbi jdbi;
  private final WeChatGateway wechat;
  private final Map<String, String> templateIds;
  private final CareRules rules;
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;

  public Outbox(
      Jdbi jdbi,
      WeChatGateway wechat,
      Map<String, String> templateIds,
      CareRules rules,
      Clock clock) {
    this.jdbi = jdbi;
    this.wechat = wechat;
    this.templateIds = templateIds;
    this.rules = rules;
    this.clock = clock;
  }

  /** Queues a message unless one with the same key exists; returns whether it was queued. */
  public boolean enqueue(
      Handle h,
      long userId,
      String template,
      String dedupeKey,
      String page,
      Map<String, String> data,
      boolean urgent) {
    if (!templateIds.containsKey(template)) {
      throw new IllegalArgumentException("unknown template " + template);
    }
    TemplateCatalog.check(template, page, data);
    String body;
    try {
      body = json.writeValueAsString(new LinkedHashMap<>(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new NotifyDao(h)
        .enqueue(userId, template, dedupeKey, page, body, urgent, clock.instant());
  }

  /** Sends what is due; returns how many were sent. Never throws for WeChat's sake. */
  public int deliver(int limit) {
    Instant now = clock.instant();
    boolean quiet = rules.quiet(ZonedDateTime.ofInstant(now, CHONGQING).getHour());
    List<Message> due = jdbi.withHandle(h -> new NotifyDao(h).due(now, quiet, limit)).stream()
        .map(q -> new Message(
            q.id(),
            q.userId(),
            q.template(),
            q.page(),
            parse(q.dataJson()),
            q.urgent(),
            q.attempts()))
        .toList();
    int sent = 0;
    for (Message m : due) {
      if (send(m)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean send(Message m) {
    String openid = jdbi.inTransaction(h -> {
      NotifyDao dao = new NotifyDao(h);
      if (!dao.takeGrant(m.userId(), m.template(), clock.instant())) {
        dao.mark(m.id(), "NO_QUOTA", "no grant", null);
        return null;
      }
      dao.mark(m.id(), "SENDING", null, null);
      return dao.openid(m.userId()).orElseThrow();
    });
    if (openid == null) {
      return false;
    }
    try {
      wechat.sendSubscribeMessage(openid, templateIds.get(m.template()), m.page(), m.data());
      jdbi.useHandle(h -> new NotifyDao(h).mark(m.id(), "SENT", null, clock.instant()));
      return true;
    } catch (WeChatGateway.SendFailure e) {
      jdbi.useTransaction(h -> failed(h, m, e.errcode()));
      return false;
    } catch (RuntimeException e) {
      log.warn("subscribe message {} failed: {}", m.id(), e.getClass().getSimpleName());
      jdbi.useTransaction(h -> failed(h, m, -2));
      return false;
    }
  }

  private void failed(Handle h, Message m, int errcode) {
    NotifyDao dao = new NotifyDao(h);
    String error = "errcode " + errcode;
    if (errcode == NO_GRANT) {
      // WeChat says she has no grant: our count was wrong, so trust WeChat and stop.
      dao.clearGrants(m.userId(), m.template());
      dao.mark(m.id(), "NO_QUOTA", error, null);
      return;
    }
    // The message was not delivered, so the grant was not used.
    dao.returnGrant(m.userId(), m.template());
    boolean transient_ = errcode == -1 || errcode == -2 || errcode == 45009;
    int attempts = m.attempts() + 1;
    if (!transient_ || attempts > BACKOFF.size()) {
      log.warn("subscribe message {} failed for good: errcode {}", m.id(), errcode);
      dao.failForGood(m.id(), attempts, error);
      return;
    }
    dao.retryAt(m.id(), attempts, error, clock.instant().plus(BACKOFF.get(attempts - 1)));
  }

  private Map<String, String> parse(String raw) {
    try {
      return json.readValue(raw, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
