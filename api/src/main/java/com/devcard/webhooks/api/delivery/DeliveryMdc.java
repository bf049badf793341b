package com.devcard.webhooks.api.delivery;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts the delivery id in the MDC ({@code deliveryId}, the key the worker's lines carry too) for
 * the log lines of one piece of work, then puts back what was there, so nested calls keep the
 * caller's id.
 */
final class DeliveryMdc {

  static final String KEY = "deliveryId";

  private DeliveryMdc() {}

  static <T> T with(String deliveryId, Supplier<T> work) {
    String previous = MDC.get(KEY);
    MDC.put(KEY, deliveryId);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, previous);
      }
    }
  }

  static void run(String deliveryId, Runnable work) {
    with(
        deliveryId,
        () -> {
          work.run();
          return null;
        });
  }
}
