package com.devcard.webhooks.worker.http;

import java.time.Duration;

/**
 * What one POST came to. Exactly one of {@code statusCode} and {@code error} is set.
 *
 * @param statusCode the receiver's status, {@code null} when no complete response came in time
 * @param bodyPrefix at most the first 16 KiB of the response body as UTF-8 (invalid bytes replaced,
 *     NUL removed); {@code null} when no response came
 * @param error a short readable reason such as {@code timeout after 5s} or {@code connection
 *     refused}; never a stack trace, a secret or the full URL. {@code null} on a response
 * @param durationMs from the start of the request to the end of the exchange
 * @param retryAfter the wait a {@code 429} or {@code 503} asked for in its {@code Retry-After}
 *     header (see {@link RetryAfter}); {@code null} for any other answer, or when the header was
 *     absent or not honoured
 */
public record HttpAttemptResult(
    Integer statusCode, String bodyPrefix, String error, long durationMs, Duration retryAfter) {

  /** The status code of a receiver that wants no more deliveries. */
  public static final int GONE = 410;

  public HttpAttemptResult(Integer statusCode, String bodyPrefix, String error, long durationMs) {
    this(statusCode, bodyPrefix, error, durationMs, null);
  }

  static HttpAttemptResult response(
      int statusCode, String bodyPrefix, long durationMs, Duration retryAfter) {
    return new HttpAttemptResult(statusCode, bodyPrefix, null, durationMs, retryAfter);
  }

  static HttpAttemptResult failure(String error, long durationMs) {
    return new HttpAttemptResult(null, null, error, durationMs, null);
  }

  /** A 2xx: the receiver accepted the webhook. */
  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }

  /** A 410: the receiver wants no more deliveries to this endpoint. */
  public boolean gone() {
    return statusCode != null && statusCode == GONE;
  }

  /** Only these two answers may steer the next attempt's time. */
  static boolean honoursRetryAfter(int statusCode) {
    return statusCode == 429 || statusCode == 503;
  }
}
