package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The app's REST API as a client sees it. */
final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Response(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final String baseUrl;

  Api(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  Response post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Registers an endpoint and returns its id. */
  String createEndpoint(String token, String url) {
    return createEndpoint(token, url, null);
  }

  /**
   * Registers an endpoint and returns its id.
   *
   * @param rateLimit attempts per second at most; {@code null} for no limit
   */
  String createEndpoint(String token, String url, Integer rateLimit) {
    Response created =
        post(
            "/api/webhooks",
            token,
            "{\"url\": \""
                + url
                + "\", \"events\": [\"card.viewed\"], \"rateLimit\": "
                + rateLimit
                + "}");
    if (created.status() != 201) {
      throw new IllegalStateException("endpoint not created: " + created);
    }
    return created.json().get("id").asString();
  }

  /** Reports a {@code card.viewed} event of the user; returns the ids of its deliveries. */
  JsonNode publish(String publisherToken, String userId, int n) {
    Response response =
        post(
            "/api/events",
            publisherToken,
            "{\"userId\": \""
                + userId
                + "\", \"type\": \"card.viewed\", \"data\": {\"cardId\": \"c_"
                + n
                + "\", \"viewer\": \"benchmark\", \"n\": "
                + n
                + "}}");
    if (response.status() != 202) {
      throw new IllegalStateException("event not accepted: " + response);
    }
    return response.json().get("deliveries");
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    } catch (InterruptedException exception) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(exception);
    }
  }
}
