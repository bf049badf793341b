package com.devcard.webhooks.workflows;

import java.util.Locale;

/** The status of a delivery, as the API and the WebhookDeliveryStatus search attribute show it. */
public enum DeliveryStatus {
  PENDING,
  SUCCESS,
  FAILED,
  CANCELLED;

  /** The lowercase wire value ({@code pending}, {@code success}, ...). */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isFinal() {
    return this != PENDING;
  }
}
