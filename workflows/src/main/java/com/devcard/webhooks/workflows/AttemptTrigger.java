package com.devcard.webhooks.workflows;

import java.util.Locale;

/**
 * Why an attempt was made: by the schedule, on request through "retry" (or a bulk recovery), or as
 * a recovery probe of an endpoint disabled for failing.
 */
public enum AttemptTrigger {
  SCHEDULED,
  MANUAL,
  /**
   * A recovery probe: one attempt to an endpoint disabled for failing, on one of its held
   * deliveries, which it leaves held when it fails.
   */
  PROBE;

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AttemptTrigger fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
