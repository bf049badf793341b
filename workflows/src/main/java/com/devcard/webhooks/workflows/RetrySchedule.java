package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waits between attempts, written as in {@code WEBHOOKS_RETRY_DELAYS}: {@code 30s,5m,30m}.
 * Units: {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}. An empty value means one attempt
 * and no retry.
 */
public final class RetrySchedule {

  /** At most this many retries, so a typo cannot make a workflow that never ends. */
  public static final int MAX_RETRIES = 20;

  public static final Duration MAX_DELAY = Duration.ofDays(7);

  private static final Pattern DELAY = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private RetrySchedule() {}

  /**
   * Parses a schedule.
   *
   * @throws IllegalArgumentException with a message naming the bad part
   */
  public static List<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Duration> delays = new ArrayList<>();
    // limit -1 keeps trailing empty parts, so "30s," is rejected like "30s,,5m"
    for (String part : text.split(",", -1)) {
      Matcher matcher = DELAY.matcher(part.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "retry delay '" + part.trim() + "' is not a number followed by ms, s, m, h or d");
      }
      long amount = Long.parseLong(matcher.group(1));
      Duration delay =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      if (delay.compareTo(MAX_DELAY) > 0) {
        throw new IllegalArgumentException("retry delay '" + part.trim() + "' is over 7 days");
      }
      delays.add(delay);
    }
    if (delays.size() > MAX_RETRIES) {
      throw new IllegalArgumentException("at most " + MAX_RETRIES + " retry delays are allowed");
    }
    return List.copyOf(delays);
  }

  /** The schedule written back in the same notation, for logs and the README's table. */
  public static String format(List<Duration> delays) {
    List<String> parts = new ArrayList<>();
    for (Duration delay : delays) {
      parts.add(formatOne(delay));
    }
    return String.join(",", parts);
  }

  /** One delay in the largest whole unit: {@code 5m}, {@code 30s}, {@code 1500ms}. */
  public static String formatOne(Duration delay) {
    long millis = delay.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
