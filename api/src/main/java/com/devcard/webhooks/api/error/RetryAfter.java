package com.devcard.webhooks.api.error;

import java.time.Duration;

/** The value of a {@code Retry-After} header: whole seconds, rounded up, at least one. */
final class RetryAfter {

  private RetryAfter() {}

  static String seconds(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }
}
