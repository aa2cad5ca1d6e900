package cn.yuhao.care.http;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of idempotency keys: one row per user, scope and key, with the request's hash and what it created. */
final class IdempotencyDao {
  /** The request hash and resource an earlier request with the key recorded. */
  record Earlier(String requestHash, long resourceId) {}

  private final Handle h;

  IdempotencyDao(Handle h) {
    this.h = h;
  }

  /** Inserts the key; a key already claimed is a duplicate key error. */
  void insert(long userId, String scope, String key, String hash, Long resourceId, Instant now) {
    h.createUpdate("""
            INSERT INTO idempotency_keys (user_id, scope, idem_key, request_hash, resource_id, created_at)
            VALUES (:u, :s, :k, :hash, :r, :now)""")
        .bind("u", userId)
        .bind("s", scope)
        .bind("k", key)
        .bind("hash", hash)
        .bind("r", resourceId)
        .bind("now", now)
        .execute();
  }

  /**
   * The key's row, read with a shared lock: a locking read sees the committed row even under REPEATABLE READ, and
   * shared (not FOR UPDATE) because the failed insert already holds a shared lock on it; several waiters upgrading
   * to exclusive would deadlock.
   */
  Optional<Earlier> earlier(long userId, String scope, String key) {
    return h.createQuery("""
            SELECT request_hash, resource_id FROM idempotency_keys
             WHERE user_id = :u AND scope = :s AND idem_key = :k LOCK IN SHARE MODE""")
        .bind("u", userId)
        .bind("s", scope)
        .bind("k", key)
        .map((rs, ctx) -> new Earlier(rs.getString(1), rs.getLong(2)))
        .findOne();
  }

  void complete(long userId, String scope, String key, long resourceId) {
    h.createUpdate("""
            UPDATE idempotency_keys SET resource_id = :r WHERE user_id = :u AND scope = :s AND idem_key = :k""")
        .bind("r", resourceId)
        .bind("u", userId)
        .bind("s", scope)
        .bind("k", key)
        .execute();
  }
}
