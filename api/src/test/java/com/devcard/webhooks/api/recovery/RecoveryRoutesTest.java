package com.devcard.webhooks.api.recovery;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.OneEndpointSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A user's bulk recovery of their endpoint's failed deliveries, its progress and its cancel. */
@ApiSliceTest
class RecoveryRoutesTest extends OneEndpointSliceTest {

  private MvcTestResult recover(String body) {
    return api.as(user).postJson("/api/webhooks/" + endpoint.id() + "/recover", body);
  }

  private String failedDeliveryCreatedAt(String time) {
    String delivery = data.delivery(endpoint, Instant.parse(time));
    data.fail(delivery);
    return delivery;
  }

  @Test
  void aRecoveryCoversTheFailedDeliveriesSinceTheGivenTime() {
    failedDeliveryCreatedAt("2026-01-01T09:00:00Z");
    failedDeliveryCreatedAt("2026-01-01T10:00:00Z");
    failedDeliveryCreatedAt("2026-01-01T11:00:00Z");

    MvcTestResult started = recover("{\"since\": \"2026-01-01T10:00:00Z\"}");

    assertThat(started)
        .hasStatus(HttpStatus.ACCEPTED)
        .bodyJson()
        .hasPathSatisfying("$.state", value -> value.assertThat().isEqualTo("running"))
        .hasPathSatisfying("$.total", value -> value.assertThat().isEqualTo(2));
    String location = started.getResponse().getHeader(HttpHeaders.LOCATION);
    assertThat(api.as(user).get(location))
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.total", value -> value.assertThat().isEqualTo(2));
  }

  @Test
  void aCancelledRecoverySaysSo() {
    String location =
        recover("{\"since\": \"2026-01-01T00:00:00Z\"}")
            .getResponse()
            .getHeader(HttpHeaders.LOCATION);

    assertThat(api.as(user).delete(location))
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.state", value -> value.assertThat().isEqualTo("cancelled"));
  }

  @Test
  void sinceMustBeAnIsoTimeWithAnOffset() {
    assertThat(assertValidationProblem(recover("{\"since\": \"2026-01-01 10:00\"}")))
        .extracting(Field::field)
        .containsExactly("since");
  }

  @Test
  void anInactiveEndpointCannotBeRecovered() {
    data.setActive(endpoint, false);

    assertProblem(
        recover("{\"since\": \"2026-01-01T00:00:00Z\"}"), HttpStatus.CONFLICT, "conflict");
  }
}
