package com.devcard.webhooks.workflows;

import java.util.Locale;

/** Why an attempt was made: by the schedule, or on request through "retry". */
public enum AttemptTrigger {
  SCHEDULED,
  MANUAL;

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AttemptTrigger fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
