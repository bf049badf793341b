package com.devcard.webhooks.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far receivers steer delivery.
 *
 * @param retryAfterMax {@code WEBHOOKS_RETRY_AFTER_MAX}: the longest wait a {@code 429} or {@code
 *     503} can ask for with {@code Retry-After}; longer waits are cut to it. Between 0s and 7d.
 * @param disableAfter {@code WEBHOOKS_DISABLE_AFTER}: a delivery that ends failed this long after
 *     its endpoint's {@code failingSince} disables the endpoint; {@code 0} never does
 */
@ConfigurationProperties(prefix = "webhooks")
public record ReceiverProperties(
    @DefaultValue("1h") Duration retryAfterMax, @DefaultValue("5d") Duration disableAfter) {

  public static final Duration MAX_RETRY_AFTER_MAX = Duration.ofDays(7);

  public static final ReceiverProperties DEFAULTS =
      new ReceiverProperties(Duration.ofHours(1), Duration.ofDays(5));

  /** With the default window before an endpoint that keeps failing is disabled. */
  public ReceiverProperties(Duration retryAfterMax) {
    this(retryAfterMax, Duration.ofDays(5));
  }

  @ConstructorBinding
  public ReceiverProperties {
    if (disableAfter == null || disableAfter.isNegative()) {
      throw new IllegalArgumentException(
          "webhooks.disable-after must be 0 (never) or a positive duration");
    }
    if (retryAfterMax == null
        || retryAfterMax.isNegative()
        || retryAfterMax.compareTo(MAX_RETRY_AFTER_MAX) > 0) {
      throw new IllegalArgumentException("webhooks.retry-after-max must be between 0s and 7d");
    }
  }

  /** The wait honoured for the one a receiver asked for: at most {@link #retryAfterMax()}. */
  public Duration honoured(Duration asked) {
    return asked.compareTo(retryAfterMax) > 0 ? retryAfterMax : asked;
  }
}
