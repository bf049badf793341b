package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One user's webhook endpoints, registered through the API, each delivering to a path of its own on
 * a WireMock receiver; and what the receiver got at each path.
 */
public final class ReceiverEndpoints {

  private final ApiClient api;
  private final String token;
  private final WireMockExtension receiver;

  ReceiverEndpoints(ApiClient api, String token, WireMockExtension receiver) {
    this.api = api;
    this.token = token;
    this.receiver = receiver;
  }

  /** An endpoint for the events ({@code card.viewed} when none is named) answered with status. */
  public TestEndpoint register(int status, String... events) {
    return register(aResponse().withStatus(status), events);
  }

  /** An endpoint for the events ({@code card.viewed} when none is named) given this answer. */
  public TestEndpoint register(ResponseDefinitionBuilder answer, String... events) {
    String receiverPath = "/hook-" + UUID.randomUUID();
    answer(receiverPath, answer);
    List<String> names = events.length == 0 ? List.of("card.viewed") : List.of(events);
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [%s]}"
                .formatted(
                    receiver.getPort(),
                    receiverPath,
                    String.join(", ", names.stream().map(name -> '"' + name + '"').toList())));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new TestEndpoint(
        created.json().get("id").asString(),
        created.json().get("secret").asString(),
        receiverPath,
        created.body());
  }

  /** From now on the endpoint's receiver answers with this status (the latest stub wins). */
  public void answer(TestEndpoint endpoint, int status) {
    answer(endpoint.receiverPath(), aResponse().withStatus(status));
  }

  /** From now on the endpoint's receiver gives this answer. */
  public void answer(TestEndpoint endpoint, ResponseDefinitionBuilder answer) {
    answer(endpoint.receiverPath(), answer);
  }

  private void answer(String receiverPath, ResponseDefinitionBuilder answer) {
    receiver.stubFor(post(urlEqualTo(receiverPath)).willReturn(answer));
  }

  /** One of the endpoint's deliveries as its user reads it, attempt log included. */
  public JsonNode detail(TestEndpoint endpoint, String deliveryId) {
    Response response = api.get(endpoint.deliveryPath(deliveryId), token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** The delivery as its user reads it, once it has this status. */
  public JsonNode awaitStatus(TestEndpoint endpoint, String deliveryId, String status) {
    return await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () -> detail(endpoint, deliveryId),
            detail -> status.equals(detail.get("status").asString()));
  }

  /** The requests the endpoint's receiver got, oldest first. */
  public List<LoggedRequest> received(TestEndpoint endpoint) {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(endpoint.receiverPath())) {
        requests.add(event.getRequest());
      }
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests;
  }
}
