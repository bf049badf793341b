package com.devcard.webhooks.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.store.KeysetPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryCursorLimitsTest {

  @Test
  void aCursorThisApiWroteReadsBackAsItsPosition() {
    KeysetPosition position =
        new KeysetPosition(Instant.parse("2026-11-28T10:15:30.123456Z"), "dlv_01JQ");

    assertThat(DeliveryCursor.decode(DeliveryCursor.encode(position))).contains(position);
  }

  @Test
  void noCursorIsTheFirstPage() {
    assertThat(DeliveryCursor.decode(null)).isEmpty();
    assertThat(DeliveryCursor.decode("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+300000-01-01T00:00:00Z|dlv_1",
        "-5000-01-01T00:00:00Z|dlv_1",
        "+294277-01-01T00:00:00Z|dlv_1",
        "-4713-12-31T23:59:59.999999Z|dlv_1",
        "2026-11-28T10:15:30Z|dlv_\u0000",
        "2026-11-28T10:15:30Z|dlv_\u0001x",
        "2026-11-28T10:15:30Z|dlv\u007f",
        "2026-11-28T10:15:30Z|dlv\u0085",
        "2026-11-28T10:15:30Z\u0000|dlv_1",
        "not a time|dlv_1",
        "2026-11-28T10:15:30Z|",
        "|dlv_1",
        "no separator"
      })
  void aCursorThisApiCouldNotHaveWrittenIsA400NamingTheCursor(String raw) {
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> DeliveryCursor.decode(forged))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.status().value()).isEqualTo(400);
              assertThat(refused.errors())
                  .containsExactly(
                      new FieldError("cursor", "is not a cursor returned by this API"));
            });
  }

  @Test
  void theEarliestAndLatestStorableTimesAreValidCursors() {
    for (String time : new String[] {"-4712-01-01T00:00:00Z", "+294276-12-31T23:59:59.999999Z"}) {
      KeysetPosition position = new KeysetPosition(Instant.parse(time), "dlv_1");

      assertThat(DeliveryCursor.decode(DeliveryCursor.encode(position))).contains(position);
    }
  }

  @Test
  void garbageIsA400() {
    assertThatThrownBy(() -> DeliveryCursor.decode("garbage!")).isInstanceOf(ApiException.class);
  }
}
