package com.devcard.webhooks.store.limit;

import java.time.Duration;

/**
 * Whether a manual action was admitted under its rate limit.
 *
 * @param retryAfter when refused, how long until the window has room again; zero when admitted
 */
public record Admission(boolean admitted, Duration retryAfter) {

  static Admission granted() {
    return new Admission(true, Duration.ZERO);
  }

  static Admission refused(Duration retryAfter) {
    return new Admission(false, retryAfter);
  }
}
