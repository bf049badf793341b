package com.devcard.webhooks.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a client reads when the database fails: a 503 only when it is out of reach. */
class ApiExceptionHandlerDatabaseTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();
  private final JdbcClient jdbc = JdbcClient.create(EmbeddedDatabase.dataSource());

  @Test
  void aValueThePostgresRefusesIsA400InTheUsualValidationShape() {
    DataAccessException refused =
        catchThrowableOfType(
            DataAccessException.class,
            () -> jdbc.sql("select :t").param("t", "u\u0000").query(String.class).single());

    ResponseEntity<ProblemDetail> answer = handler.handleDatabase(refused);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.VALIDATION);
    assertThat(answer.getBody().getProperties()).containsKey("errors");
    assertThat((List<?>) answer.getBody().getProperties().get("errors"))
        .extracting(error -> ((FieldError) error).field())
        .containsExactly("request");
  }

  @Test
  void anUnreachableDatabaseIsA503WithRetryAfter() {
    ResponseEntity<ProblemDetail> answer =
        handler.handleDatabase(
            new CannotGetJdbcConnectionException("down", new SQLException("refused", "08001")));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
  }

  @Test
  void badSqlIsA500ThatShowsNoSql() {
    DataAccessException fault =
        catchThrowableOfType(
            DataAccessException.class,
            () -> jdbc.sql("select no_such_column from pg_class").query().listOfRows());

    ResponseEntity<ProblemDetail> answer = handler.handleDatabase(fault);

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.INTERNAL);
    assertThat(answer.getBody().getDetail()).doesNotContain("select", "no_such_column");
  }
}
