package com.devcard.webhooks.worker.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The wait a {@code Retry-After} response header asks for (RFC 9110, section 10.2.3): either
 * delta-seconds or an HTTP-date, in any of the three date formats a recipient must accept. Pure: no
 * I/O, the current time is given.
 *
 * <p>What is not honoured, and why: a value that is neither form (a receiver's typo must not stop
 * delivery), a negative number, and a wait longer than {@link #ABSURD}, which no receiver means
 * seriously. A date in the past asks for no wait at all.
 */
public final class RetryAfter {

  /** Waits longer than this are taken for a receiver's mistake, not a request. */
  static final Duration ABSURD = Duration.ofDays(366);

  /** At most 18 digits: anything longer cannot be a meant number of seconds. */
  private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,18}");

  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US);

  private static final DateTimeFormatter ASCTIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEE MMM")
          .appendLiteral(' ')
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("d HH:mm:ss yyyy")
          .toFormatter(Locale.US);

  /** The obsolete forms carry no zone of their own: HTTP dates are always GMT. */
  private static final List<DateTimeFormatter> GMT_FORMATS = List.of(RFC_850, ASCTIME);

  private RetryAfter() {}

  /**
   * The wait asked for, from {@code now}; empty when the header is absent or not honoured.
   *
   * @param value the header's value, {@code null} when the response has none
   */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (DELTA_SECONDS.matcher(text).matches()) {
      return sensible(Duration.ofSeconds(Long.parseLong(text)));
    }
    return date(text)
        .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO)
        .flatMap(RetryAfter::sensible);
  }

  private static Optional<Duration> sensible(Duration wait) {
    return wait.compareTo(ABSURD) > 0 ? Optional.empty() : Optional.of(wait);
  }

  private static Optional<Instant> date(String text) {
    try {
      return Optional.of(
          ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException notThisOne) {
      // try the obsolete forms
    }
    for (DateTimeFormatter format : GMT_FORMATS) {
      try {
        return Optional.of(LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC));
      } catch (DateTimeException notThisOne) {
        // try the next form
      }
    }
    return Optional.empty();
  }
}
