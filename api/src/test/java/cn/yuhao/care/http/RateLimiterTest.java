package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void allows_the_limit_then_answers_429_with_a_wait() {
    RateLimiter limiter = new RateLimiter(3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("ip:10.0.0.1");
    }
    assertThatThrownBy(() -> limiter.acquire("ip:10.0.0.1"))
        .isInstanceOfSatisfying(AppException.class, e -> {
          assertThat(e.error()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
        });
    limiter.acquire("ip:10.0.0.2"); // another key has its own bucket
  }
}
