package com.devcard.webhooks.workflows;

import java.util.Locale;

/** The state of a bulk recovery, as {@code GET /api/recoveries/{id}} shows it. */
public enum RecoveryState {
  RUNNING,
  COMPLETED,
  CANCELLED;

  /** The lowercase wire value ({@code running}, {@code completed}, {@code cancelled}). */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecoveryState fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
