package cn.yuhao.care.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * {@code Idempotency-Key} for creating requests a phone may retry on a bad network (Stripe's design). The key
 * is claimed inside the effect's own transaction, before the effect: a retry that arrives while the first
 * request is still running waits on the key's row lock and then answers with the first request's resource;
 * if the first failed and rolled back, the retry does the work. Same key with a different body → 422.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-]{8,64}");

  /** A claimed key: the request's hash and, when it was already done, the resource it created. */
  public record Claim(
      long userId, String scope, String key, String requestHash, Long existingResourceId) {
    public boolean replay() {
      return existingResourceId != null;
    }
  }

  private Idempotency() {}

  /** The request's key and body hash, read before any work; 422 when the header is missing or malformed. */
  public static Request read(Context ctx, ObjectMapper json, Object parsedBody) {
    String key = ctx.header(HEADER);
    if (key == null || !KEY.matcher(key).matches()) {
      throw AppException.invalid(HEADER, "请求须带 Idempotency-Key 头（8–64 位字母、数字、- 或 _），重试时保持不变");
    }
    try {
      // The parsed body re-serialised, so whitespace and field order do not make two equal requests
      // differ.
      byte[] canonical = json.writeValueAsString(parsedBody).getBytes(StandardCharsets.UTF_8);
      return new Request(
          key, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public record Request(String key, String hash) {}

  /** Claims the key in the transaction of {@code h}; see the class comment for what concurrent retries see. */
  public static Claim claim(Handle h, long userId, String scope, Request req, Instant now) {
    return claim(h, userId, scope, req, now, 0);
  }

  /**
   * Claims the key already naming the resource the request will create (its id drawn beforehand), which saves
   * {@link #complete}: if the effect fails, the claim rolls back with it.
   */
  public static Claim claim(
      Handle h, long userId, String scope, Request req, Instant now, long resourceId) {
    try {
      new IdempotencyDao(h).insert(userId, scope, req.key(), req.hash(), resourceId, now);
      return new Claim(userId, scope, req.key(), req.hash(), null);
    } catch (RuntimeException e) {
      if (!ErrorMapper.isDuplicateKey(e)) {
        throw e;
      }
    }
    var row = new IdempotencyDao(h).earlier(userId, scope, req.key()).orElseThrow();
    var earlier = new Claim(userId, scope, req.key(), row.requestHash(), row.resourceId());
    if (!earlier.requestHash().equals(req.hash())) {
      throw new AppException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED, "这个 Idempotency-Key 已用于另一份内容不同的提交；新的提交请换一个新的 key");
    }
    return earlier;
  }

  /** Records what the claimed key created, in the same transaction. */
  public static void complete(Handle h, Claim claim, long resourceId) {
    new IdempotencyDao(h).complete(claim.userId(), claim.scope(), claim.key(), resourceId);
  }

  /** What a keyed request answers: the resource, and whether it was made by an earlier request. */
  public record Result<T>(T value, boolean replayed) {}

  /** 201 with the resource, also for a replay, which is marked so a client can tell. */
  public static void respond(Context ctx, Result<?> result) {
    ctx.status(201);
    if (result.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    ctx.json(result.value());
  }
}
