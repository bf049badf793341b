package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.delivery.Attempt;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/** One attempt of a delivery's log, as the detail view and the attempt pages show it. */
@Schema(description = "One attempt: a POST to the endpoint and its outcome.")
record AttemptView(
    @Schema(description = "The attempt's number: 1, 2, 3, ... without gaps.", example = "2")
        int attempt,
    @Schema(
            description =
                "`scheduled` when the retry schedule made it (or the release of a held"
                    + " delivery), `manual` when a retry or a recovery asked for it, `probe` when"
                    + " the recovery probe of an endpoint disabled for failing made it.",
            allowableValues = {"scheduled", "manual", "probe"},
            example = "scheduled")
        String trigger,
    @Schema(description = "When the attempt started.", example = "2026-11-28T10:16:00.789Z")
        String startedAt,
    @Schema(
            description = "How long the request took, to the response's last byte or the failure.",
            example = "412")
        long durationMs,
    @Schema(description = "The receiver's status code; null if no response came.", example = "503")
        Integer responseCode,
    @Schema(
            description = "The start of the receiver's response body (at most 16 KiB), or null.",
            example = "Service Unavailable")
        String responseBody,
    @Schema(
            description =
                "Why no response came (such as `timeout after 5s`, `connection refused`);"
                    + " null when one came.",
            example = "timeout after 5s")
        String error,
    @Schema(
            description =
                "The wait the receiver asked for in the `Retry-After` header of a 429 or 503, in"
                    + " whole seconds (rounded up), as asked. The wait honoured is at most"
                    + " `WEBHOOKS_RETRY_AFTER_MAX` (1 hour by default) and shows in the"
                    + " delivery's `nextRetryAt`. Null when the receiver asked for none.",
            example = "120",
            nullable = true)
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
