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
  private final int perMinute;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(int perMinute) {
    this.perMinute = perMinute;
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(Duration.ofMinutes(2))
        .maximumSize(200_000)
        .build();
  }

  /** Takes one token for {@code key} or throws 429 with the seconds until the next one. */
  public void acquire(String key) {
    Bucket bucket = buckets.get(key, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      throw AppException.rateLimited(seconds);
    }
  }
}
