package com.devcard.webhooks.api.delivery;

import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.Responses;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** An endpoint's delivery log: newest first, in pages joined by an opaque cursor. */
@ApiSliceTest
class DeliveryLogTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();
  private Endpoint endpoint;

  @BeforeEach
  void anEndpoint() {
    endpoint = data.endpoint(user, "card.viewed");
  }

  private MvcTestResult log(String query) {
    return mvc.get()
        .uri("/api/webhooks/" + endpoint.id() + "/deliveries" + query)
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .exchange();
  }

  private String deliveryCreatedAt(String time) {
    return data.delivery(endpoint, Instant.parse(time));
  }

  private static List<String> fieldsOf(MvcTestResult result) {
    return assertValidationProblem(result).stream().map(Field::field).toList();
  }

  @Test
  void aLimitOutside1To100IsRefused() {
    assertThat(fieldsOf(log("?limit=0"))).containsExactly("limit");
    assertThat(fieldsOf(log("?limit=101"))).containsExactly("limit");
  }

  @Test
  void anUnknownStatusIsRefused() {
    assertThat(fieldsOf(log("?status=lost"))).containsExactly("status");
  }

  @Test
  void aCursorThisApiDidNotGiveIsRefused() {
    assertThat(fieldsOf(log("?cursor=bm90LWEtY3Vyc29y"))).containsExactly("cursor");
  }

  @Test
  void pagesFollowEachOtherNewestFirstUntilTheCursorRunsOut() {
    String oldest = deliveryCreatedAt("2026-01-01T10:00:00Z");
    String middle = deliveryCreatedAt("2026-01-01T11:00:00Z");
    String newest = deliveryCreatedAt("2026-01-01T12:00:00Z");

    MvcTestResult first = log("?limit=2");
    assertThat(first)
        .bodyJson()
        .extractingPath("$.items[*].id")
        .asArray()
        .containsExactly(newest, middle);

    MvcTestResult second = log("?limit=2&cursor=" + Responses.read(first, "$.nextCursor"));
    assertThat(second).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly(oldest);
    assertThat(second).bodyJson().extractingPath("$.nextCursor").isNull();
  }

  @Test
  void theStatusFilterKeepsOnlyDeliveriesInThatStatus() {
    String failed = deliveryCreatedAt("2026-01-02T10:00:00Z");
    deliveryCreatedAt("2026-01-02T11:00:00Z");
    data.fail(failed);

    assertThat(log("?status=failed"))
        .bodyJson()
        .extractingPath("$.items[*].id")
        .asArray()
        .containsExactly(failed);
  }

  @Test
  void oneDeliveryShowsThePayloadSentAndItsAttemptLog() {
    String delivery = deliveryCreatedAt("2026-01-03T10:00:00Z");
    data.fail(delivery);

    MvcTestResult result =
        mvc.get()
            .uri("/api/webhooks/" + endpoint.id() + "/deliveries/" + delivery)
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .exchange();

    assertThat(result)
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.status", value -> value.assertThat().isEqualTo("failed"))
        .hasPathSatisfying("$.payload.data.n", value -> value.assertThat().isEqualTo(1))
        .hasPathSatisfying(
            "$.attemptLog[0].responseCode", value -> value.assertThat().isEqualTo(503))
        .hasPathSatisfying(
            "$.attemptLog[0].trigger", value -> value.assertThat().isEqualTo("scheduled"));
  }
}
