package com.devcard.webhooks.worker.attempt;

import java.time.Duration;

/**
 * An attempt whose caller cannot wait on a timer found no room in its endpoint's rate limit within
 * the longest wait a worker allows. Nothing was sent; Temporal retries the activity, as for any
 * infrastructure failure, without using up one of the delivery's attempts.
 */
final class RateLimitBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RateLimitBusyException(String endpointId, Duration waited) {
    super(
        "rate limit of endpoint "
            + endpointId
            + " had no room within "
            + waited.toSeconds()
            + " s; nothing sent, tried again later");
  }
}
