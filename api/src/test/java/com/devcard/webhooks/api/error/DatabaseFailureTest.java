package com.devcard.webhooks.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;

/** Only an outage is a 503: what PostgreSQL refuses of a request is the request's fault. */
class DatabaseFailureTest {

  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(EmbeddedDatabase.dataSource());
  }

  @Test
  void aTimeBeyondWhatPostgresHoldsIsARefusedValue() {
    DataAccessException refused =
        failureOf(
            () ->
                jdbc.sql("select cast(:t as timestamptz)")
                    .param(
                        "t",
                        OffsetDateTime.of(300_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                    .query(String.class)
                    .single());

    assertThat(DatabaseFailure.of(refused)).isEqualTo(DatabaseFailure.REFUSED_VALUE);
  }

  @Test
  void textWithNulIsARefusedValue() {
    DataAccessException refused =
        failureOf(() -> jdbc.sql("select :t").param("t", "u\u0000").query(String.class).single());

    assertThat(DatabaseFailure.of(refused)).isEqualTo(DatabaseFailure.REFUSED_VALUE);
  }

  @Test
  void badSqlIsAFaultOfTheServiceNotAnOutage() {
    DataAccessException fault =
        failureOf(() -> jdbc.sql("select no_such_column from pg_class").query().listOfRows());

    assertThat(fault).isInstanceOf(BadSqlGrammarException.class);
    assertThat(DatabaseFailure.of(fault)).isEqualTo(DatabaseFailure.SERVICE_FAULT);
  }

  @Test
  void aBrokenConstraintIsAFaultOfTheService() {
    assertThat(DatabaseFailure.of(new DuplicateKeyException("dup", new SQLException("x", "23505"))))
        .isEqualTo(DatabaseFailure.SERVICE_FAULT);
    assertThat(DatabaseFailure.of(new IllegalTransactionStateException("misused")))
        .isEqualTo(DatabaseFailure.SERVICE_FAULT);
  }

  @Test
  void anUnreachableOrOverloadedDatabaseIsAnOutage() {
    assertThat(
            DatabaseFailure.of(
                new CannotGetJdbcConnectionException(
                    "no connection", new SQLException("refused", "08001"))))
        .isEqualTo(DatabaseFailure.OUTAGE);
    assertThat(DatabaseFailure.of(new CannotCreateTransactionException("down")))
        .isEqualTo(DatabaseFailure.OUTAGE);
    assertThat(DatabaseFailure.of(new QueryTimeoutException("slow")))
        .isEqualTo(DatabaseFailure.OUTAGE);
  }

  private static DataAccessException failureOf(Runnable query) {
    DataAccessException failure = catchThrowableOfType(DataAccessException.class, query::run);
    assertThat(failure).as("the query fails").isNotNull();
    return failure;
  }
}
