package com.devcard.webhooks.store.endpoint;

import java.util.Locale;

/** Why an endpoint is inactive. */
public enum DisabledReason {
  /** Its owner set it inactive. */
  USER,
  /** The receiver answered {@code 410 Gone}. */
  GONE,
  /** Disabled automatically: its deliveries kept failing for too long. */
  FAILING;

  /** The lowercase wire value ({@code user}, {@code gone}, {@code failing}). */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DisabledReason fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /**
   * Disabled by the service rather than by its owner: new deliveries are held, not dropped, and
   * released when the endpoint is enabled again.
   */
  public boolean holdsDeliveries() {
    return this != USER;
  }
}
