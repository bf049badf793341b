package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryWorkflowInputTest {

  @Test
  void aFreshRecoveryStartsAtItsFirstItemAndContinuesWhereToldKeepingItsRate() {
    RecoveryWorkflowInput input = RecoveryWorkflowInput.fresh("r-1", 25, 10);

    assertThat(input.nextPosition()).isEqualTo(1);
    assertThat(input.continuingAt(21)).isEqualTo(new RecoveryWorkflowInput("r-1", 25, 10, 21));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, RecoveryWorkflowInput.MAX_RATE + 1})
  void aRateOutsideOneToTheMaximumIsRejected(int rate) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RecoveryWorkflowInput.fresh("r-1", 5, rate))
        .withMessageContaining("ratePerSecond");
  }

  @Test
  void aNegativeTotalOrAPositionBeforeTheFirstItemIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RecoveryWorkflowInput.fresh("r-1", -1, 10))
        .withMessageContaining("total");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RecoveryWorkflowInput("r-1", 5, 10, 0))
        .withMessageContaining("nextPosition");
  }

  @Test
  void theWireValuesAreLowercase() {
    assertThat(RecoveryState.CANCELLED.wireValue()).isEqualTo("cancelled");
    assertThat(RecoveryState.fromWireValue("running")).isEqualTo(RecoveryState.RUNNING);
    assertThat(RecoveryItemOutcome.fromWireValue("skipped")).isEqualTo(RecoveryItemOutcome.SKIPPED);
    assertThat(TaskQueues.recoveryWorkflowId("rcv_1")).isEqualTo("recovery-rcv_1");
  }
}
