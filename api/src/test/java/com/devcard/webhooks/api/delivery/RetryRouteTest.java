package com.devcard.webhooks.api.delivery;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code POST .../deliveries/{id}/retry}: 202 with the delivery as it is once under way. */
@ApiSliceTest
class RetryRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();

  private MvcTestResult retry(Endpoint endpoint, String delivery) {
    return mvc.post()
        .uri("/api/webhooks/" + endpoint.id() + "/deliveries/" + delivery + "/retry")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .exchange();
  }

  @Test
  void retryingAFailedDeliveryAnswersItPendingAgain() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    String delivery = data.delivery(endpoint);
    data.fail(delivery);

    assertThat(retry(endpoint, delivery))
        .hasStatus(HttpStatus.ACCEPTED)
        .bodyJson()
        .hasPathSatisfying("$.id", value -> value.assertThat().isEqualTo(delivery))
        .hasPathSatisfying("$.status", value -> value.assertThat().isEqualTo("pending"))
        .hasPathSatisfying("$.attempts", value -> value.assertThat().isEqualTo(1));
  }

  @Test
  void retryingADeliveryOfAnInactiveEndpointIsAConflict() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    String delivery = data.delivery(endpoint);
    data.fail(delivery);
    data.setActive(endpoint, false);

    assertProblem(retry(endpoint, delivery), HttpStatus.CONFLICT, "conflict");
  }
}
