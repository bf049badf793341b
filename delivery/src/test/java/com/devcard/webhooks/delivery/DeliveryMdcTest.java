package com.devcard.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DeliveryMdcTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theIdIsInTheMdcDuringTheWorkAndGoneAfterIt() {
    String seen = DeliveryMdc.with("dlv_1", () -> MDC.get("deliveryId"));

    assertThat(seen).isEqualTo("dlv_1");
    assertThat(MDC.get(DeliveryMdc.KEY)).isNull();
  }

  @Test
  void aNestedCallPutsBackTheCallersId() {
    String[] seen = new String[2];
    DeliveryMdc.run(
        "dlv_outer",
        () -> {
          seen[0] = DeliveryMdc.with("dlv_inner", () -> MDC.get(DeliveryMdc.KEY));
          seen[1] = MDC.get(DeliveryMdc.KEY);
        });

    assertThat(seen).containsExactly("dlv_inner", "dlv_outer");
    assertThat(MDC.get(DeliveryMdc.KEY)).isNull();
  }

  @Test
  void workThatThrowsLeavesNoIdBehind() {
    assertThatThrownBy(
            () ->
                DeliveryMdc.run(
                    "dlv_1",
                    () -> {
                      throw new IllegalStateException("database down");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(MDC.get(DeliveryMdc.KEY)).isNull();
  }
}
