package cn.yuhao.care.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Per-key token buckets (Bucket4j) for login and code-entry endpoints. Buckets live in this instance's
 * memory; with N instances behind a balancer the effective limit is up to N times the setting.
 */
public final class RateLimiter {
  private final int capacity;
  private final Duration period;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(int perMinute) {
    this(perMinute, Duration.ofMinutes(1));
  }

  /** {@code capacity} tokens per key, refilled over {@code period}. */
  public RateLimiter(int capacity, Duration period) {
    this.capacity = capacity;
    this.period = period;
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(period.multipliedBy(2))
        .maximumSize(200_000)
        .build();
  }

  /** Takes one token for {@code key} or throws 429 with the seconds until the next one. */
  public void acquire(String key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      throw AppException.rateLimited(seconds);
    }
  }

  /** Throws 429 when {@code key} has no token left, without taking one (for limits on failures only). */
  public void check(String key) {
    Bucket bucket = bucket(key);
    if (bucket.getAvailableTokens() < 1) {
      long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
      throw AppException.rateLimited(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
  }

  private Bucket bucket(String key) {
    return buckets.get(
        key,
        k -> Bucket.builder()
            .addLimit(Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(capacity, period)
                .build())
            .build());
  }
}
