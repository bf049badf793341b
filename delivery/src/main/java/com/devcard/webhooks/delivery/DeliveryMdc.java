package com.devcard.webhooks.delivery;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts the delivery id in the MDC ({@code deliveryId}) for the log lines of one piece of work in
 * the api or an activity, then puts back what was there, so nested calls keep the caller's id.
 *
 * <p>Not for workflow code: its threads are Temporal's, and Temporal's own {@code WorkflowId}
 * ({@code delivery-<id>}) already marks every line a workflow logs through {@code
 * Workflow.getLogger}.
 */
public final class DeliveryMdc {

  /** The log field that carries the delivery id. */
  public static final String KEY = "deliveryId";

  private DeliveryMdc() {}

  public static <T> T with(String deliveryId, Supplier<T> work) {
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

  public static void run(String deliveryId, Runnable work) {
    with(
        deliveryId,
        () -> {
          work.run();
          return null;
        });
  }
}
