package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryWorkflowInputTest {

  @Test
  void aFreshDeliveryHasNoAttemptsAndNoWait() {
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-1");

    assertThat(input.attemptsMade()).isZero();
    assertThat(input.firstWait()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aMissingFirstWaitMeansNoWait() {
    assertThat(inputWith(List.of(), 1, null).firstWait()).isEqualTo(Duration.ZERO);
  }

  @Test
  void theScheduleIsCopiedSoTheCallerCannotChangeItLater() {
    List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(30)));
    DeliveryWorkflowInput input = inputWith(delays, 0, Duration.ZERO);

    delays.add(Duration.ofMinutes(5));

    assertThat(input.retryDelays()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aNegativeAttemptCountIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> inputWith(List.of(), -1, Duration.ZERO))
        .withMessageContaining("attemptsMade");
  }

  private static DeliveryWorkflowInput inputWith(
      List<Duration> delays, int attemptsMade, Duration firstWait) {
    return new DeliveryWorkflowInput(
        "d-1", "u-1", "e-1", "card.viewed", "hooks.example.com", delays, attemptsMade, firstWait);
  }
}
