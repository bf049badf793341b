package com.devcard.webhooks.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.api.testing.UnreachableTemporal;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.recovery.Recovery;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Temporal unreachable: a recovery's workflow waits for the reconciler, nothing throws. */
class RecoveryWorkflowsUnreachableTest {

  private final UnreachableTemporal temporal = new UnreachableTemporal();
  private final RecoveryWorkflows workflows = new RecoveryWorkflows(temporal.client());

  @AfterEach
  void close() {
    temporal.close();
  }

  @Test
  void aStartIsFalseNotAnException() {
    Recovery recovery =
        new Recovery(
            "rcv_unreachable",
            "u1",
            "u1",
            "ep_1",
            null,
            10,
            RecoveryState.RUNNING,
            3,
            0,
            0,
            0,
            Instant.now(),
            Instant.now());

    assertThat(workflows.start(recovery, 1)).isFalse();
  }

  @Test
  void aCancelIsBestEffort() {
    assertThatCode(() -> workflows.cancel("rcv_unreachable")).doesNotThrowAnyException();
  }

  @Test
  void readingTheStatusThrowsTheFailureTheReconcilerCatches() {
    assertThatThrownBy(() -> workflows.status("rcv_unreachable"))
        .isInstanceOf(WorkflowServiceException.class);
  }
}
