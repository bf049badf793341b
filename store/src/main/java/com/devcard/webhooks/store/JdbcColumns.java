package com.devcard.webhooks.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conversions between Java values and this schema's column types. Used by the store's repositories
 * only; it is public because they live in sibling packages.
 */
public final class JdbcColumns {

  private JdbcColumns() {}

  /** A {@code timestamptz} parameter; the driver binds {@link OffsetDateTime}, not Instant. */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  /** A {@code bigint} column of milliseconds; null stays null. */
  public static Duration nullableMillis(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofMillis(value);
  }

  /** A {@code text[]} parameter. */
  public static String[] textArray(List<String> values) {
    return values == null ? null : values.toArray(String[]::new);
  }

  public static List<String> textList(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    try {
      return List.of((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  /** A {@code bigint[]} parameter of milliseconds. */
  public static Long[] millisArray(List<Duration> durations) {
    return durations.stream().map(Duration::toMillis).toArray(Long[]::new);
  }

  public static List<Duration> durations(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    try {
      List<Duration> result = new ArrayList<>();
      Arrays.stream((Long[]) array.getArray()).forEach(ms -> result.add(Duration.ofMillis(ms)));
      return List.copyOf(result);
    } finally {
      array.free();
    }
  }
}
