package com.devcard.webhooks.worker.http;

/**
 * What one POST came to. Exactly one of {@code statusCode} and {@code error} is set.
 *
 * @param statusCode the receiver's status, {@code null} when no complete response came in time
 * @param bodyPrefix at most the first 16 KiB of the response body as UTF-8 (invalid bytes replaced,
 *     NUL removed); {@code null} when no response came
 * @param error a short readable reason such as {@code timeout after 5s} or {@code connection
 *     refused}; never a stack trace, a secret or the full URL. {@code null} on a response
 * @param durationMs from the start of the request to the end of the exchange
 */
public record HttpAttemptResult(
    Integer statusCode, String bodyPrefix, String error, long durationMs) {

  static HttpAttemptResult response(int statusCode, String bodyPrefix, long durationMs) {
    return new HttpAttemptResult(statusCode, bodyPrefix, null, durationMs);
  }

  static HttpAttemptResult failure(String error, long durationMs) {
    return new HttpAttemptResult(null, null, error, durationMs);
  }

  /** A 2xx: the receiver accepted the webhook. */
  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
