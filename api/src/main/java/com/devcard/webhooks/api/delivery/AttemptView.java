package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.delivery.Attempt;
import java.time.Duration;

/**
 * One attempt of a delivery's log, as the detail view and the attempt pages show it.
 *
 * @param retryAfterSeconds the wait the receiver asked for in the {@code Retry-After} header of a
 *     {@code 429} or {@code 503}, in whole seconds (rounded up), as asked: the wait honoured is at
 *     most {@code WEBHOOKS_RETRY_AFTER_MAX} and shows in the delivery's {@code nextRetryAt}; {@code
 *     null} when it asked for none
 */
record AttemptView(
    int attempt,
    String trigger,
    String startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error,
    Long retryAfterSeconds) {

  static AttemptView of(Attempt attempt) {
    return new AttemptView(
        attempt.attempt(),
        attempt.trigger(),
        ApiTimes.format(attempt.startedAt()),
        attempt.durationMs(),
        attempt.responseCode(),
        attempt.responseBody(),
        attempt.error(),
        wholeSeconds(attempt.retryAfter()));
  }

  private static Long wholeSeconds(Duration wait) {
    if (wait == null) {
      return null;
    }
    return wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
  }
}
