package com.devcard.webhooks.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of a delivery, one type from the database row to the API's JSON, the workflow's result
 * and the {@code WebhookDeliveryStatus} search attribute.
 *
 * <p>It lives in a module of its own, free of Spring, Temporal and JDBC, because every other module
 * needs it and they may not all depend on one another: {@code workflows} must stay free of Spring
 * and JDBC, and {@code store} has no business seeing Temporal's SDK or the workflow contract.
 *
 * <p>Two spellings, both part of a contract. The lowercase {@link #wireValue()} is what the
 * database column, the API and the search attribute hold. The constant's name is what Temporal's
 * JSON converter writes into workflow histories (a workflow's result, an attempt's outcome): a
 * constant must never be renamed, and no serializer annotation may change it, or recorded histories
 * stop replaying.
 */
public enum DeliveryStatus {
  PENDING,
  SUCCESS,
  FAILED,
  CANCELLED,
  /**
   * Its endpoint was disabled automatically (the receiver answered {@code 410}, or kept failing):
   * recorded but not sent, and without a workflow, until the endpoint is enabled again and it is
   * released, or it is cancelled after being held too long.
   */
  HELD;

  private final String wireValue = name().toLowerCase(Locale.ROOT);

  /** The lowercase wire value ({@code pending}, {@code success}, ...). */
  public String wireValue() {
    return wireValue;
  }

  /**
   * The status of this exact wire value.
   *
   * @throws IllegalArgumentException for anything else, in any other case too
   */
  public static DeliveryStatus fromWireValue(String value) {
    return parse(value)
        .orElseThrow(() -> new IllegalArgumentException("not a delivery status: " + value));
  }

  /** The status of this exact wire value; empty for anything else, in any other case too. */
  public static Optional<DeliveryStatus> parse(String value) {
    return Arrays.stream(values()).filter(status -> status.wireValue.equals(value)).findFirst();
  }

  /**
   * No attempt of the delivery's current workflow run follows: every status but {@code pending}. A
   * {@code held} delivery has no run; releasing it starts its attempts again.
   */
  public boolean isFinal() {
    return this != PENDING;
  }
}
