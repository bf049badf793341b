package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.CancelledRun;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A delivery workflow run cancelled in the Temporal UI, as the delivery log records it. */
class MarkCancelledTest {

  private static final TestStore store = TestStore.fresh();

  @RegisterExtension final TestActivities wiring = TestActivities.on(store);
  private final DeliveryActivitiesImpl activities = wiring.attempts();

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId = store.newEndpoint(user);

  private String deliver() {
    return store.event(user, endpointId).deliver();
  }

  private String failed() {
    String id = deliver();
    store.recordAttempt(
        id, new AttemptResult("scheduled", Instant.now(), 10, 500, null, null, false));
    return id;
  }

  /** A retry that reads the delivery and reopens it as it saw it. */
  private boolean reopen(String id) {
    Delivery seen = store.deliveryLog().findById(id).orElseThrow();
    return store.cancellations().reopenForManualAttempt(id, seen.status(), seen.attempts());
  }

  private DeliveryStatus status(String id) {
    return store.deliveryLog().findById(id).orElseThrow().status();
  }

  @Test
  void aPendingDeliveryEndsCancelledByAnOperator() {
    String id = deliver();

    DeliveryStatus ended = activities.markCancelled(new CancelledRun(id, false));

    assertThat(ended).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.CANCELLED);
    // an operator's cancellation can be retried
    assertThat(reopen(id)).isTrue();
  }

  @Test
  void aFinishedDeliveryKeepsItsStatusAndTheRunShowsIt() {
    String id = failed();

    assertThat(activities.markCancelled(new CancelledRun(id, false)))
        .isEqualTo(DeliveryStatus.FAILED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void aCancelledOldRunLeavesALaterRetryAloneButACancelledManualRunDoesNot() {
    String id = failed();
    reopen(id);

    assertThat(activities.markCancelled(new CancelledRun(id, false)))
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.PENDING);

    assertThat(activities.markCancelled(new CancelledRun(id, true)))
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void anUnknownDeliveryIsReportedCancelled() {
    assertThat(activities.markCancelled(new CancelledRun("dlv_unknown", false)))
        .isEqualTo(DeliveryStatus.CANCELLED);
  }
}
