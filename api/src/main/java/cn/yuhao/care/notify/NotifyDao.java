package cn.yuhao.care.notify;

import cn.yuhao.care.db.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** SQL of subscribe messages: the outbox, users' grants per template (订阅次数), job leases. */
final class NotifyDao {
  /** A queued message with its data still JSON. */
  record Queued(
      long id,
      long userId,
      String template,
      String page,
      String dataJson,
      boolean urgent,
      int attempts) {}

  private final Handle h;

  NotifyDao(Handle h) {
    this.h = h;
  }

  /** Queues a message unless one with the same dedupe key exists; false when it does. */
  boolean enqueue(
      long userId,
      String template,
      String dedupeKey,
      String page,
      String dataJson,
      boolean urgent,
      Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO notifications (id, user_id, template, dedupe_key, page, data_json, urgent, status,
                                                  attempts, next_attempt_at, created_at)
                VALUES (:id, :u, :t, :k, :page, :data, :urgent, 'PENDING', 0, :now, :now)""")
            .bind("id", Ids.next())
            .bind("u", userId)
            .bind("t", template)
            .bind("k", dedupeKey)
            .bind("page", page)
            .bind("data", dataJson)
            .bind("urgent", urgent)
            .bind("now", now)
            .execute()
        == 1;
  }

  /** Pending messages due now, urgent first; only urgent ones in quiet hours. */
  List<Queued> due(Instant now, boolean quiet, int limit) {
    return h.createQuery("""
            SELECT id, user_id, template, page, data_json, urgent, attempts FROM notifications
             WHERE status = 'PENDING' AND next_attempt_at <= :now AND (:quiet = FALSE OR urgent = TRUE)
             ORDER BY urgent DESC, next_attempt_at LIMIT :limit""")
        .bind("now", now)
        .bind("quiet", quiet)
        .bind("limit", limit)
        .map((rs, ctx) -> new Queued(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getBoolean(6),
            rs.getInt(7)))
        .list();
  }

  /** Takes one of the user's grants for the template; false when she has none left. */
  boolean takeGrant(long userId, String template, Instant now) {
    return h.createUpdate("""
                UPDATE wechat_subscriptions SET remaining = remaining - 1, updated_at = :now
                 WHERE user_id = :u AND template = :t AND remaining > 0""")
            .bind("u", userId)
            .bind("t", template)
            .bind("now", now)
            .execute()
        > 0;
  }

  void returnGrant(long userId, String template) {
    h.createUpdate(
            "UPDATE wechat_subscriptions SET remaining = remaining + 1 WHERE user_id = :u AND template = :t")
        .bind("u", userId)
        .bind("t", template)
        .execute();
  }

  void clearGrants(long userId, String template) {
    h.createUpdate(
            "UPDATE wechat_subscriptions SET remaining = 0 WHERE user_id = :u AND template = :t")
        .bind("u", userId)
        .bind("t", template)
        .execute();
  }

  /** Adds grants the user accepted in the mini-program. */
  void addGrants(long userId, String template, int times, Instant now) {
    h.createUpdate("""
            INSERT INTO wechat_subscriptions (user_id, template, remaining, updated_at)
            VALUES (:u, :t, :n, :now)
            ON DUPLICATE KEY UPDATE remaining = remaining + :n, updated_at = :now""")
        .bind("u", userId)
        .bind("t", template)
        .bind("n", times)
        .bind("now", now)
        .execute();
  }

  /** The user's grants left, by template. */
  Map<String, Integer> grants(long userId) {
    return h.createQuery("SELECT template, remaining FROM wechat_subscriptions WHERE user_id = :u")
        .bind("u", userId)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  Optional<String> openid(long userId) {
    return h.createQuery("SELECT openid FROM users WHERE id = :u")
        .bind("u", userId)
        .mapTo(String.class)
        .findOne();
  }

  void mark(long id, String status, String error, Instant sentAt) {
    h.createUpdate(
            "UPDATE notifications SET status = :s, last_error = :e, sent_at = :at WHERE id = :id")
        .bind("id", id)
        .bind("s", status)
        .bind("e", error)
        .bind("at", sentAt)
        .execute();
  }

  void failForGood(long id, int attempts, String error) {
    h.createUpdate(
            "UPDATE notifications SET status = 'FAILED', attempts = :a, last_error = :e WHERE id = :id")
        .bind("id", id)
        .bind("a", attempts)
        .bind("e", error)
        .execute();
  }

  void retryAt(long id, int attempts, String error, Instant next) {
    h.createUpdate("""
            UPDATE notifications SET status = 'PENDING', attempts = :a, last_error = :e, next_attempt_at = :next
             WHERE id = :id""")
        .bind("id", id)
        .bind("a", attempts)
        .bind("e", error)
        .bind("next", next)
        .execute();
  }

  /** Takes the job's lease if it is free, expired, or already ours; false otherwise. */
  boolean takeLease(String job, String holder, Instant until, Instant now) {
    h.createUpdate("""
            INSERT IGNORE INTO job_leases (name, holder, lease_until) VALUES (:n, '', :epoch)""")
        .bind("n", job)
        .bind("epoch", Instant.EPOCH.plusSeconds(86400))
        .execute();
    return h.createUpdate("""
                UPDATE job_leases SET holder = :me, lease_until = :until
                 WHERE name = :n AND (lease_until <= :now OR holder = :me)""")
            .bind("n", job)
            .bind("me", holder)
            .bind("until", until)
            .bind("now", now)
            .execute()
        == 1;
  }

  /** Frees the lease (only if still ours), noting when the job last ran. */
  void releaseLease(String job, String holder, Instant now) {
    h.createUpdate("""
            UPDATE job_leases SET lease_until = :now, last_run_at = :now WHERE name = :n AND holder = :me""").bind("n", job).bind("me", holder).bind("now", now).execute();
  }
}
