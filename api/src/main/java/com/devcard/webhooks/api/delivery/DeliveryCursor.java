package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.web.InputRules;
import com.devcard.webhooks.store.KeysetPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of delivery pages: the position (creation time, id) of the last item
 * shown. Paging by position, not by offset, keeps pages stable while new deliveries arrive. A
 * cursor is client input all the same: one this API could not have written (a time the database
 * cannot hold, an id with a control character) is refused before it reaches a query.
 */
final class DeliveryCursor {

  private DeliveryCursor() {}

  static String encode(KeysetPosition position) {
    String raw = position.createdAt().toString() + "|" + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<KeysetPosition> decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return Optional.empty();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int separator = raw.indexOf('|');
      if (separator <= 0 || separator == raw.length() - 1) {
        throw invalid();
      }
      Instant createdAt = Instant.parse(raw.substring(0, separator));
      String id = raw.substring(separator + 1);
      if (!InputRules.isStorableTime(createdAt) || InputRules.hasControlCharacters(id)) {
        throw invalid();
      }
      return Optional.of(new KeysetPosition(createdAt, id));
    } catch (IllegalArgumentException | DateTimeParseException malformed) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.validation("cursor", "is not a cursor returned by this API");
  }
}
