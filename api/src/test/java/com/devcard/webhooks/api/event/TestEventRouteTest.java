package com.devcard.webhooks.api.event;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.Responses;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.endpoint.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code POST /api/webhooks/{id}/test}: a {@code webhook.test} event to that endpoint alone. */
@ApiSliceTest
class TestEventRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;
  @Autowired DeliveryLogRepository deliveries;

  private final String user = TestData.newUser();

  private MvcTestResult sendTest(Endpoint endpoint) {
    return mvc.post()
        .uri("/api/webhooks/" + endpoint.id() + "/test")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .exchange();
  }

  @Test
  void aTestEventReachesAnEndpointThatDoesNotSubscribeToIt() {
    Endpoint endpoint = data.endpoint(user, "contact.saved");

    MvcTestResult result = sendTest(endpoint);

    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    String deliveryId = Responses.read(result, "$.deliveryId");
    assertThat(deliveries.find(user, endpoint.id(), deliveryId).orElseThrow().eventType())
        .isEqualTo("webhook.test");
  }

  @Test
  void anInactiveEndpointGetsNoTestEvent() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    data.setActive(endpoint, false);

    assertProblem(sendTest(endpoint), HttpStatus.CONFLICT, "conflict");
  }
}
