package com.devcard.webhooks.store;

import java.time.Instant;

/**
 * What PostgreSQL can store, so that a value it would refuse is refused where it comes in, as the
 * client's mistake, and never reaches SQL as a database error.
 */
public final class StorableValues {

  /**
   * The earliest time stored as it is: 1 January 4713 BC (ISO year -4712), midnight UTC. PostgreSQL
   * goes back to late 4714 BC, but the JDBC driver sends any earlier time as {@code -infinity}.
   */
  public static final Instant EARLIEST_TIME = Instant.parse("-4712-01-01T00:00:00Z");

  /** The latest {@code timestamptz}, to the microsecond: the last one of 294276 AD, UTC. */
  public static final Instant LATEST_TIME = Instant.parse("+294276-12-31T23:59:59.999999Z");

  private StorableValues() {}

  /** Whether a {@code timestamptz} column or parameter can hold this time. */
  public static boolean isStorableTime(Instant time) {
    return !time.isBefore(EARLIEST_TIME) && !time.isAfter(LATEST_TIME);
  }

  /** Whether a {@code text} column or parameter can hold this string: text cannot hold NUL. */
  public static boolean isStorableText(String text) {
    return text.indexOf('\u0000') < 0;
  }
}
