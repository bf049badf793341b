package com.devcard.webhooks.delivery;

import java.util.Locale;

/**
 * The state of a bulk recovery, one type from the database row to the API's JSON and the recovery
 * workflow. Like {@link DeliveryStatus}, the constant's name is what workflow histories hold: never
 * rename one.
 */
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
