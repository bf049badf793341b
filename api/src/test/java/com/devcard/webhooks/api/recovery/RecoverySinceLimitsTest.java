package com.devcard.webhooks.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.web.InputRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RecoverySinceLimitsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+300000-01-01T00:00:00Z",
        "-5000-01-01T00:00:00Z",
        "+294277-01-01T00:00:00Z",
        "-4713-12-31T23:59:59Z",
        "+999999999-12-31T23:59:59Z"
      })
  void aSinceTheDatabaseCannotHoldIsA400NamingSince(String since) {
    JsonNode body = body("{\"since\": \"" + since + "\"}");

    assertRefused(() -> RecoveryRequestParser.ownerSince(body), "since", InputRules.TIME_RANGE);
    assertRefused(() -> RecoveryRequestParser.operatorFilter(body), "since", InputRules.TIME_RANGE);
  }

  @Test
  void theFirstAndLastStorableTimesAreAccepted() {
    assertThat(RecoveryRequestParser.ownerSince(body("{\"since\": \"-4712-01-01T00:00:00Z\"}")))
        .isEqualTo(Instant.parse("-4712-01-01T00:00:00Z"));
    assertThat(
            RecoveryRequestParser.ownerSince(
                body("{\"since\": \"+294276-12-31T23:59:59.999999Z\"}")))
        .isEqualTo(Instant.parse("+294276-12-31T23:59:59.999999Z"));
    assertThat(RecoveryRequestParser.ownerSince(body("{\"since\": \"2026-11-28T11:15:30+01:00\"}")))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"userId", "endpointId"})
  void anOperatorFilterIdWithAControlCharacterIsA400NamingIt(String field) {
    String message = "must be 1 to 128 characters without control characters";
    for (String escaped : new String[] {"u\\u0000", "u\\u0007", "u\\u007f", "u\\u0085"}) {
      JsonNode body = body("{\"" + field + "\": \"" + escaped + "\"}");

      assertRefused(() -> RecoveryRequestParser.operatorFilter(body), field, message);
    }
  }

  private static JsonNode body(String json) {
    return JSON.readTree(json);
  }

  private static void assertRefused(Runnable parse, String field, String message) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.status().value()).isEqualTo(400);
              assertThat(refused.errors()).containsExactly(new FieldError(field, message));
            });
  }
}
