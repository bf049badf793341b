package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The workflow's log lines name their delivery through Temporal's own {@code WorkflowId}; workflow
 * code leaves the MDC of Temporal's pooled threads alone.
 */
class DeliveryWorkflowLoggingTest {

  @RegisterExtension static final TestWorkflowExtension temporal = DeliveryWorkflowRig.extension();

  private final Logger workflowLogger =
      (Logger) LoggerFactory.getLogger(DeliveryWorkflowImpl.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    lines.start();
    workflowLogger.addAppender(lines);
  }

  @AfterEach
  void release() {
    workflowLogger.detachAppender(lines);
  }

  @Test
  void aFailedAttemptIsLoggedUnderTheWorkflowIdWithoutADeliveryIdOfItsOwn(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    DeliveryWorkflowRig.startWorker(testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-logged");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(lines.list)
        .filteredOn(line -> line.getFormattedMessage().startsWith("delivery d-logged attempt 1"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getMDCPropertyMap())
                  .containsEntry("WorkflowId", TaskQueues.deliveryWorkflowId("d-logged"))
                  .doesNotContainKey("deliveryId");
            });
  }
}
