package com.devcard.webhooks.api.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the API writes them: ISO-8601 UTC with milliseconds, {@code 2026-11-28T10:15:30.123Z}.
 */
public final class ApiTimes {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ApiTimes() {}

  /** {@code null} stays {@code null}. */
  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }
}
