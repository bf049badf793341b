package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.delivery.Attempt;

/** One attempt of a delivery's log, as the detail view and the attempt pages show it. */
record AttemptView(
    int attempt,
    String trigger,
    String startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error) {

  static AttemptView of(Attempt attempt) {
    return new AttemptView(
        attempt.attempt(),
        attempt.trigger(),
        ApiTimes.format(attempt.startedAt()),
        attempt.durationMs(),
        attempt.responseCode(),
        attempt.responseBody(),
        attempt.error());
  }
}
