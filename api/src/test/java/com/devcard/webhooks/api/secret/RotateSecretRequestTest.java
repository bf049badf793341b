package com.devcard.webhooks.api.secret;

import static com.devcard.webhooks.api.Refusals.fieldsRefusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The grace period of a rotation: 0 to 7 days in whole seconds, one day unless asked. */
class RotateSecretRequestTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Duration graceOf(String body) {
    return RotateSecretRequest.graceOf(JSON.readTree(body));
  }

  @Test
  void noBodyOrNoGraceMeansOneDay() {
    assertThat(RotateSecretRequest.graceOf(null)).isEqualTo(Duration.ofDays(1));
    assertThat(graceOf("{}")).isEqualTo(Duration.ofDays(1));
    assertThat(graceOf("{\"graceSeconds\": null}")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theGraceAskedForIsTakenFromZeroToAWeek() {
    assertThat(graceOf("{\"graceSeconds\": 0}")).isZero();
    assertThat(graceOf("{\"graceSeconds\": 604800}")).isEqualTo(Duration.ofDays(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "604801", "1.5", "\"60\"", "true", "99999999999999999999"})
  void anythingElseIsRefused(String grace) {
    assertThat(fieldsRefusedBy(() -> graceOf("{\"graceSeconds\": " + grace + "}")))
        .containsExactly("graceSeconds");
  }

  @Test
  void anUnknownFieldIsRefused() {
    assertThat(fieldsRefusedBy(() -> graceOf("{\"graceDays\": 1}"))).containsExactly("graceDays");
  }
}
