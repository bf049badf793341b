package com.devcard.webhooks.store;

import static com.devcard.webhooks.store.JdbcColumns.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The limits the API checks input against are exactly what PostgreSQL accepts. */
class StorableValuesTest {

  private static final Duration MICROSECOND = Duration.ofNanos(1000);

  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(EmbeddedDatabase.dataSource());
  }

  @Test
  void theFirstAndLastStorableTimesAreStoredAsTheyAre() {
    for (Instant time : new Instant[] {StorableValues.EARLIEST_TIME, StorableValues.LATEST_TIME}) {
      assertThat(StorableValues.isStorableTime(time)).isTrue();
      assertThat(roundTrip(time)).isEqualTo(time);
    }
  }

  @Test
  void oneMicrosecondOutsideEitherEndIsRefusedByTheValidatorAndNotStoredAsItIs() {
    for (Instant time :
        new Instant[] {
          StorableValues.EARLIEST_TIME.minus(MICROSECOND),
          StorableValues.LATEST_TIME.plus(MICROSECOND),
          Instant.parse("-5000-01-01T00:00:00Z"),
          Instant.parse("+300000-01-01T00:00:00Z")
        }) {
      assertThat(StorableValues.isStorableTime(time)).as("%s", time).isFalse();
      assertThat(isStoredAsItIs(time)).as("%s", time).isFalse();
    }
  }

  @Test
  void textWithNulIsRefusedByTheValidatorAndByPostgres() {
    String withNul = "a\u0000b";

    assertThat(StorableValues.isStorableText(withNul)).isFalse();
    assertThatThrownBy(() -> jdbc.sql("select :t").param("t", withNul).query(String.class).single())
        .isInstanceOf(DataAccessException.class);
  }

  @Test
  void textWithOtherControlCharactersIsStorable() {
    String controls = "a\u0001\u001b\u007f\u0085b";

    assertThat(StorableValues.isStorableText(controls)).isTrue();
    assertThat(jdbc.sql("select :t").param("t", controls).query(String.class).single())
        .isEqualTo(controls);
  }

  /** Too late a time is an error; too early a one the driver quietly sends as -infinity. */
  private static boolean isStoredAsItIs(Instant time) {
    try {
      return roundTrip(time).equals(time);
    } catch (DataAccessException refused) {
      return false;
    }
  }

  private static Instant roundTrip(Instant time) {
    return jdbc.sql("select cast(:t as timestamptz)")
        .param("t", timestamp(time), Types.TIMESTAMP_WITH_TIMEZONE)
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
  }
}
