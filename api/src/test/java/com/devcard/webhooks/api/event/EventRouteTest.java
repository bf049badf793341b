package com.devcard.webhooks.api.event;

import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code POST /api/events}: an application service reports an event of a user. */
@ApiSliceTest
class EventRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();

  private MvcTestResult report(String body) {
    return mvc.post()
        .uri("/api/events")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer("reporter", TestTokens.PUBLISH))
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  @Test
  void aReportAnswers202WithOneDeliveryPerSubscribedEndpoint() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    MvcTestResult result =
        report(
            """
            {"userId": "%s", "type": "card.viewed", "data": {"cardId": "c_7"}}
            """
                .formatted(user));

    assertThat(result)
        .hasStatus(HttpStatus.ACCEPTED)
        .bodyJson()
        .hasPathSatisfying("$.eventId", value -> value.assertThat().asString().isNotBlank())
        .extractingPath("$.deliveries[*].endpointId")
        .asArray()
        .containsExactly(endpoint.id());
  }

  @Test
  void theSameIdAgainAnswersTheFirstAnswerAndCreatesNothing() {
    data.endpoint(user, "card.viewed");
    String event =
        """
        {"id": "evt-2f1c", "userId": "%s", "type": "card.viewed", "data": {}}
        """
            .formatted(user);

    MvcTestResult first = report(event);
    MvcTestResult again = report(event);

    assertThat(again).hasStatus(HttpStatus.ACCEPTED);
    assertThat(again.getResponse().getContentAsByteArray())
        .isEqualTo(first.getResponse().getContentAsByteArray());
  }

  @Test
  void aReportWithoutUserOfAnUnknownTypeAndWithoutObjectDataNamesEachField() {
    MvcTestResult result =
        report(
            """
            {"type": "card.burnt", "data": [1]}
            """);

    assertThat(assertValidationProblem(result))
        .extracting(Field::field)
        .containsExactly("userId", "type", "data");
  }

  @Test
  void aFieldThatIsNotPartOfAReportIsNamed() {
    MvcTestResult result =
        report(
            """
            {"userId": "u_1", "type": "card.viewed", "data": {}, "priority": "high"}
            """);

    assertThat(assertValidationProblem(result))
        .extracting(Field::field)
        .containsExactly("priority");
  }
}
