package com.devcard.webhooks.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.api.testing.UnreachableTemporal;
import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Temporal being unreachable is what the api's workflow handle turns into "later" (the reconciler
 * starts what could not be): the narrowed catches still catch the failures a real client throws.
 */
class DeliveryWorkflowClientUnreachableTest {

  private final UnreachableTemporal temporal = new UnreachableTemporal();
  private final DeliveryWorkflowClient workflows =
      new DeliveryWorkflowClient(
          temporal.client(),
          TestStore.on(EmbeddedDatabase.dataSource()).pending(),
          new TargetPolicy(true, true, HostResolver.system()));

  @AfterEach
  void close() throws InterruptedException {
    workflows.destroy();
    temporal.close();
  }

  @Test
  void aStartIsUnreachableNotAnException() {
    DeliveryWorkflowInput input =
        DeliveryWorkflowInput.fresh(
            "dlv_unreachable",
            "u1",
            "ep_1",
            "card.viewed",
            "example.com",
            List.of(Duration.ofSeconds(30)));

    assertThat(
            workflows.startRun(
                input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE))
        .isEqualTo(DeliveryWorkflowClient.StartResult.UNREACHABLE);
    assertThat(workflows.start(input)).isFalse();
  }

  @Test
  void aRetrySignalIsUnreachableNotAnException() {
    assertThat(workflows.retryNow("dlv_unreachable"))
        .isEqualTo(DeliveryWorkflowClient.SignalResult.UNREACHABLE);
  }

  @Test
  void aCancelIsBestEffort() {
    assertThatCode(() -> workflows.cancel(List.of("dlv_unreachable"))).doesNotThrowAnyException();
  }

  @Test
  void readingTheLatestRunThrowsTheFailureTheReconcilerCatches() {
    assertThatThrownBy(() -> workflows.latestRun("dlv_unreachable"))
        .isInstanceOf(WorkflowServiceException.class);
  }
}
