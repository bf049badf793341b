package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of attempt pages: the number of the last (oldest) attempt shown; the
 * next page holds those numbered below it. Numbers never change, so pages stay stable while new
 * attempts are recorded.
 */
final class AttemptCursor {

  private static final String PREFIX = "attempt:";

  private AttemptCursor() {}

  static String encode(int attempt) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + attempt).getBytes(StandardCharsets.UTF_8));
  }

  static Optional<Integer> decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return Optional.empty();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith(PREFIX)) {
        throw invalid();
      }
      int attempt = Integer.parseInt(raw.substring(PREFIX.length()));
      if (attempt < 1) {
        throw invalid();
      }
      return Optional.of(attempt);
    } catch (IllegalArgumentException malformed) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.validation("cursor", "is not a cursor returned by this API");
  }
}
