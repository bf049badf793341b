package com.devcard.webhooks.worker.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbound client behaves. A plain record: the application binds its properties and builds
 * one.
 *
 * @param timeout the deadline over the whole exchange, from connect to the last byte read
 * @param allowPrivateTargets whether loopback, private and other reserved addresses may be dialled
 *     (development only)
 * @param allowHttp whether plain {@code http} targets may be called
 * @param userAgent the {@code User-Agent} sent with every request
 */
public record OutboundHttpSettings(
    Duration timeout, boolean allowPrivateTargets, boolean allowHttp, String userAgent) {

  public OutboundHttpSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
