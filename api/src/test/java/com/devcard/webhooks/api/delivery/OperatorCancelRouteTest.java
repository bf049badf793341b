package com.devcard.webhooks.api.delivery;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** An operator cancels any user's pending delivery; a finished one cannot be cancelled. */
@ApiSliceTest
class OperatorCancelRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();

  private MvcTestResult cancel(String delivery) {
    return mvc.post()
        .uri("/api/admin/deliveries/" + delivery + "/cancel")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer("operator", TestTokens.ADMIN))
        .exchange();
  }

  @Test
  void aPendingDeliveryOfAnyUserIsCancelled() {
    String delivery = data.delivery(data.endpoint(user, "card.viewed"));

    assertThat(cancel(delivery))
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.status", value -> value.assertThat().isEqualTo("cancelled"));
    assertThat(data.status(delivery)).isEqualTo("cancelled");
  }

  @Test
  void aFinishedDeliveryIsAConflictAndStaysAsItWas() {
    String delivery = data.delivery(data.endpoint(user, "card.viewed"));
    data.succeed(delivery);

    assertProblem(cancel(delivery), HttpStatus.CONFLICT, "conflict");
    assertThat(data.status(delivery)).isEqualTo("success");
  }

  @Test
  void anUnknownDeliveryIsNotFound() {
    assertProblem(cancel("dlv_unknown"), HttpStatus.NOT_FOUND, "not-found");
  }
}
