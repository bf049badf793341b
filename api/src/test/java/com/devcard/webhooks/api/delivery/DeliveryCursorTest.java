package com.devcard.webhooks.api.delivery;

import static com.devcard.webhooks.api.Refusals.fieldsRefusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.KeysetPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The opaque paging cursor: a position that survives the trip through a URL, and nothing else. */
class DeliveryCursorTest {

  private static final KeysetPosition POSITION =
      new KeysetPosition(Instant.parse("2026-11-28T10:15:30.123456Z"), "dlv_01ABC");

  private static String base64Url(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCursorLeadsBackToThePositionItWasMadeFrom() {
    assertThat(DeliveryCursor.decode(DeliveryCursor.encode(POSITION))).contains(POSITION);
  }

  @Test
  void aCursorNeedsNoEscapingInAQueryString() {
    KeysetPosition awkward = new KeysetPosition(Instant.parse("2026-01-01T00:00:00Z"), "??>>~~");

    assertThat(DeliveryCursor.encode(awkward)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void anIdMayItselfContainTheSeparator() {
    KeysetPosition odd = new KeysetPosition(POSITION.createdAt(), "dlv|with|bars");

    assertThat(DeliveryCursor.decode(DeliveryCursor.encode(odd))).contains(odd);
  }

  @Test
  void noCursorMeansTheFirstPage() {
    assertThat(DeliveryCursor.decode(null)).isEmpty();
    assertThat(DeliveryCursor.decode("")).isEmpty();
  }

  @Test
  void aCursorThatIsNotBase64IsABadCursorField() {
    assertRefused("not base64!");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-separator", "|dlv_1", "2026-01-01T00:00:00Z|", "yesterday|dlv_1"})
  void aCursorWithoutATimeAndAnIdIsABadCursorField(String decoded) {
    assertRefused(base64Url(decoded));
  }

  private static void assertRefused(String cursor) {
    assertThat(fieldsRefusedBy(() -> DeliveryCursor.decode(cursor))).containsExactly("cursor");
  }
}
