package com.devcard.webhooks.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A careless admission setting stops the start, naming the setting, instead of admitting oddly. */
class AdmissionPropertiesTest {

  private static final Duration BUSY = Duration.ofMillis(20);
  private static final Duration IDLE = Duration.ofMillis(100);

  @Test
  void noPlaceForAUserIsRefused() {
    assertThatThrownBy(() -> new AdmissionProperties(0, 2, BUSY, IDLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks.admission.per-user");
  }

  @Test
  void aNegativeExpressLaneIsRefusedAndZeroTurnsItOff() {
    assertThatThrownBy(() -> new AdmissionProperties(32, -1, BUSY, IDLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks.admission.express-per-user");
    assertThat(new AdmissionProperties(32, 0, BUSY, IDLE).expressPerUser()).isZero();
  }

  @Test
  void intervalsThatAreNotPositiveAreRefused() {
    assertThatThrownBy(() -> new AdmissionProperties(32, 2, Duration.ZERO, IDLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks.admission");
    assertThatThrownBy(() -> new AdmissionProperties(32, 2, BUSY, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks.admission");
  }
}
