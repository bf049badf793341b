package com.devcard.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

  @Test
  void theWireValuesAreTheLowercaseWordsOfTheApiAndTheSchema() {
    assertThat(Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::wireValue))
        .containsExactly("pending", "success", "failed", "cancelled", "held");
  }

  @Test
  void theConstantNamesAreTheWorkflowPayloadFormatAndNeverChange() {
    // Temporal's JSON converter writes these names into recorded histories.
    assertThat(Arrays.stream(DeliveryStatus.values()).map(Enum::name))
        .containsExactly("PENDING", "SUCCESS", "FAILED", "CANCELLED", "HELD");
  }

  @Test
  void everyWireValueReadsBackAsItsStatus() {
    for (DeliveryStatus status : DeliveryStatus.values()) {
      assertThat(DeliveryStatus.fromWireValue(status.wireValue())).isSameAs(status);
      assertThat(DeliveryStatus.parse(status.wireValue())).contains(status);
    }
  }

  @Test
  void onlyTheExactWireValueIsAStatus() {
    assertThat(DeliveryStatus.parse("PENDING")).isEmpty();
    assertThat(DeliveryStatus.parse("Success")).isEmpty();
    assertThat(DeliveryStatus.parse("retrying")).isEmpty();
    assertThat(DeliveryStatus.parse("")).isEmpty();
    assertThat(DeliveryStatus.parse(null)).isEmpty();
    assertThatThrownBy(() -> DeliveryStatus.fromWireValue("canceled"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canceled");
  }

  @Test
  void onlyPendingIsUnfinished() {
    assertThat(Arrays.stream(DeliveryStatus.values()).filter(s -> !s.isFinal()))
        .containsExactly(DeliveryStatus.PENDING);
  }
}
