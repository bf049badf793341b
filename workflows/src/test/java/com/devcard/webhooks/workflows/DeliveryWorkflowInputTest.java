package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
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

  @Test
  void aManualAttemptRunMakesNoScheduledWait() {
    DeliveryWorkflowInput input = DeliveryWorkflowRig.manualInput("d-1");

    assertThat(input.oneManualAttempt()).isTrue();
    assertThat(input.firstWait()).isEqualTo(Duration.ZERO);
    assertThat(DeliveryWorkflowRig.freshInput("d-1").oneManualAttempt()).isFalse();
  }

  @Test
  void anInputRecordedBeforeManualAttemptsExistedReadsAsARunOfTheSchedule() {
    // The JSON a workflow started before the field existed carries in its history.
    String recorded =
        "{\"deliveryId\":\"d-1\",\"userId\":\"u-1\",\"endpointId\":\"e-1\","
            + "\"eventType\":\"card.viewed\",\"targetHost\":\"hooks.example.com\","
            + "\"retryDelays\":[30.0],\"attemptsMade\":1,\"firstWait\":5.0}";
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(recorded))
            .build();

    DeliveryWorkflowInput input =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            payload, DeliveryWorkflowInput.class, DeliveryWorkflowInput.class);

    assertThat(input.oneManualAttempt()).isFalse();
    assertThat(input.attemptsMade()).isEqualTo(1);
    assertThat(input.firstWait()).isEqualTo(Duration.ofSeconds(5));
  }

  private static DeliveryWorkflowInput inputWith(
      List<Duration> delays, int attemptsMade, Duration firstWait) {
    return new DeliveryWorkflowInput(
        "d-1", "u-1", "e-1", "card.viewed", "hooks.example.com", delays, attemptsMade, firstWait);
  }
}
