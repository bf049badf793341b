package com.devcard.webhooks.api.recovery;

import static com.devcard.webhooks.api.Refusals.fieldsRefusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bodies of the recover routes: times with an offset, known fields, no accidental "all". */
class RecoveryRequestParserTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void sinceIsReadAsTheInstantItNames() {
    assertThat(RecoveryRequestParser.ownerSince(json("{\"since\": \"2026-11-28T11:15:30+01:00\"}")))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
  }

  @Test
  void aUserMustSaySince() {
    assertThat(fieldsRefusedBy(() -> RecoveryRequestParser.ownerSince(json("{}"))))
        .containsExactly("since");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\"2026-11-28T10:15:30\"", "\"2026-11-28\"", "\"yesterday\"", "1764324930"})
  void sinceWithoutAnOffsetOrNotATimeIsRefused(String since) {
    assertThat(
            fieldsRefusedBy(
                () -> RecoveryRequestParser.ownerSince(json("{\"since\": " + since + "}"))))
        .containsExactly("since");
  }

  @Test
  void aUserMayNotFilterByAnotherUser() {
    String body = "{\"since\": \"2026-11-28T10:15:30Z\", \"userId\": \"u_other\"}";

    assertThat(fieldsRefusedBy(() -> RecoveryRequestParser.ownerSince(json(body))))
        .containsExactly("userId");
  }

  @Test
  void anOperatorFilterKeepsWhatItNames() {
    assertThat(
            RecoveryRequestParser.operatorFilter(
                json("{\"endpointId\": \"ep_1\", \"since\": \"2026-11-28T10:15:30Z\"}")))
        .isEqualTo(
            new RecoveryRequestParser.Filter(null, "ep_1", Instant.parse("2026-11-28T10:15:30Z")));
  }

  @Test
  void anEmptyOperatorFilterIsRefusedRatherThanRecoveringEverything() {
    assertThat(fieldsRefusedBy(() -> RecoveryRequestParser.operatorFilter(json("{}"))))
        .containsExactly("body");
  }

  @Test
  void allAloneRecoversEverything() {
    assertThat(RecoveryRequestParser.operatorFilter(json("{\"all\": true}")))
        .isEqualTo(new RecoveryRequestParser.Filter(null, null, null));
  }

  @Test
  void allCannotBeCombinedWithAFilter() {
    assertThat(
            fieldsRefusedBy(
                () ->
                    RecoveryRequestParser.operatorFilter(
                        json("{\"all\": true, \"userId\": \"u_1\"}"))))
        .containsExactly("all");
  }

  @Test
  void idsAreOneTo128Characters() {
    String tooLong = "{\"userId\": \"" + "u".repeat(129) + "\"}";

    assertThat(fieldsRefusedBy(() -> RecoveryRequestParser.operatorFilter(json(tooLong))))
        .containsExactly("userId");
    assertThat(
            fieldsRefusedBy(
                () -> RecoveryRequestParser.operatorFilter(json("{\"endpointId\": \"\"}"))))
        .containsExactly("endpointId");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    assertThat(fieldsRefusedBy(() -> RecoveryRequestParser.operatorFilter(json("[]"))))
        .containsExactly("body");
  }
}
