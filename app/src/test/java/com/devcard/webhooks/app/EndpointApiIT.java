package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The endpoint API on the running app: register, list, get, change and delete endpoints. */
@AppTest
class EndpointApiIT {

  private static final String RECEIVER = "http://127.0.0.1:9/devcard";

  final AppClient app;
  final String token;

  EndpointApiIT(@Autowired AppClient app) {
    this.app = app;
    this.token = app.newUser().token();
  }

  private Response create(String body) {
    return app.post("/api/webhooks", token, body);
  }

  private String createdId() {
    Response created =
        create(
            """
            {"url": "%s", "events": ["card.viewed"], "description": "CRM sync"}
            """
                .formatted(RECEIVER));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  @Test
  void createAnswers201WithLocationAndTheSecretOnce() {
    Response created =
        create(
            """
            {"url": "%s", "events": ["card.viewed", "contact.saved"], "description": "CRM sync"}
            """
                .formatted(RECEIVER));

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asString();
    assertThat(created.location()).isEqualTo("/api/webhooks/" + id);
    assertThat(body.get("url").asString()).isEqualTo(RECEIVER);
    assertThat(body.get("events").toString()).isEqualTo("[\"card.viewed\",\"contact.saved\"]");
    assertThat(body.get("description").asString()).isEqualTo("CRM sync");
    assertThat(body.get("isActive").asBoolean()).isTrue();
    assertThat(body.get("createdAt").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(body.get("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");

    Response fetched = app.get("/api/webhooks/" + id, token);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().has("secret")).isFalse();
    assertThat(fetched.body()).doesNotContain(body.get("secret").asString());
    assertThat(fetched.json().get("id").asString()).isEqualTo(id);
  }

  @Test
  void listShowsOnlyTheUsersEndpointsOldestFirstWithoutSecrets() {
    String first = createdId();
    String second = createdId();
    app.post(
        "/api/webhooks",
        app.newUser("someone-else").token(),
        "{\"url\": \"" + RECEIVER + "\", \"events\": [\"card.viewed\"]}");

    Response list = app.get("/api/webhooks", token);

    assertThat(list.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.json().get("items").values().forEach(item -> ids.add(item.get("id").asString()));
    assertThat(ids).containsExactly(first, second);
    assertThat(list.body()).doesNotContain("whsec_").doesNotContain("\"secret\"");
  }

  @Test
  void invalidCreateAnswersProblemWithEveryBadFieldAndWritesNothing() {
    Response response =
        create(
            """
            {"url": "ftp://example.com/x#frag", "events": ["card.viewed", "card.viewed", "nope"],
             "description": "%s"}
            """
                .formatted("x".repeat(257)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.problemType()).endsWith("/validation-failed");
    List<String> fields = new ArrayList<>();
    response
        .json()
        .get("errors")
        .values()
        .forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields).contains("url", "events[1]", "events[2]", "description");
    assertThat(app.get("/api/webhooks", token).json().get("items").size()).isZero();
  }

  @Test
  void missingAndMistypedFieldsAreValidationProblems() {
    assertThat(create("{}").json().get("errors").toString()).contains("url", "events");
    Response mistyped = create("{\"url\": \"" + RECEIVER + "\", \"events\": \"card.viewed\"}");
    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(mistyped.body()).contains("events");
    Response unknownField =
        create("{\"url\": \"" + RECEIVER + "\", \"events\": [\"card.viewed\"], \"secret\": \"x\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    Response tooMany =
        create(
            "{\"url\": \""
                + RECEIVER
                + "\", \"events\": ["
                + "\"card.viewed\",".repeat(50)
                + "\"contact.saved\"]}");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body()).contains("at most 50");
  }

  @Test
  void patchChangesOnlyTheGivenFields() {
    String id = createdId();

    Response patched =
        app.patch(
            "/api/webhooks/" + id,
            token,
            "{\"events\": [\"contact.saved\"], \"description\": null, \"isActive\": false}");

    assertThat(patched.status()).isEqualTo(200);
    JsonNode body = patched.json();
    assertThat(body.get("url").asString()).isEqualTo(RECEIVER);
    assertThat(body.get("events").toString()).isEqualTo("[\"contact.saved\"]");
    assertThat(body.get("description").isNull()).isTrue();
    assertThat(body.get("isActive").asBoolean()).isFalse();
    assertThat(body.has("secret")).isFalse();
    assertThat(app.get("/api/webhooks/" + id, token).json().get("isActive").asBoolean()).isFalse();
  }

  @Test
  void invalidPatchChangesNothing() {
    String id = createdId();

    Response response =
        app.patch(
            "/api/webhooks/" + id,
            token,
            "{\"description\": \"new\", \"events\": [], \"isActive\": \"yes\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("events", "isActive");
    JsonNode unchanged = app.get("/api/webhooks/" + id, token).json();
    assertThat(unchanged.get("description").asString()).isEqualTo("CRM sync");
    assertThat(unchanged.get("isActive").asBoolean()).isTrue();
  }

  @Test
  void deleteAnswers204AndTheEndpointIsGone() {
    String id = createdId();

    assertThat(app.delete("/api/webhooks/" + id, token).status()).isEqualTo(204);

    assertThat(app.get("/api/webhooks/" + id, token).status()).isEqualTo(404);
    assertThat(app.delete("/api/webhooks/" + id, token).status()).isEqualTo(404);
    assertThat(app.get("/api/webhooks/" + id + "/deliveries", token).status()).isEqualTo(404);
    assertThat(app.get("/api/webhooks", token).json().get("items").size()).isZero();
  }

  @Test
  void anotherUsersEndpointIsAnsweredExactlyLikeAMissingOne() {
    String id = createdId();
    String intruder = app.newUser("intruder").token();

    Response theirs = app.get("/api/webhooks/" + id, intruder);
    Response missing = app.get("/api/webhooks/ep_doesnotexist", intruder);

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().get("detail")).isEqualTo(missing.json().get("detail"));
    assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
    assertThat(app.patch("/api/webhooks/" + id, intruder, "{\"isActive\": false}").status())
        .isEqualTo(404);
    assertThat(app.delete("/api/webhooks/" + id, intruder).status()).isEqualTo(404);
    assertThat(app.post("/api/webhooks/" + id + "/test", intruder, "").status()).isEqualTo(404);
    assertThat(app.get("/api/webhooks/" + id + "/deliveries", intruder).status()).isEqualTo(404);
    assertThat(app.get("/api/webhooks/" + id, token).json().get("isActive").asBoolean()).isTrue();
  }

  @Test
  void twentyConcurrentCreatesGiveExactlyFiveEndpoints() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    String body = "{\"url\": \"" + RECEIVER + "\", \"events\": [\"card.viewed\"]}";
    for (int i = 0; i < 20; i++) {
      Callable<Response> create =
          () -> {
            start.await();
            return create(body);
          };
      answers.add(pool.submit(create));
    }
    start.countDown();
    int created = 0;
    int refused = 0;
    for (Future<Response> answer : answers) {
      Response response = answer.get();
      if (response.status() == 201) {
        created++;
      } else {
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemType()).endsWith("/endpoint-limit-reached");
        refused++;
      }
    }
    pool.shutdown();

    assertThat(created).isEqualTo(5);
    assertThat(refused).isEqualTo(15);
    assertThat(app.get("/api/webhooks", token).json().get("items").size()).isEqualTo(5);
  }

  @Test
  void eventTypesListTheCatalog() {
    Response types = app.get("/api/event-types", token);

    assertThat(types.status()).isEqualTo(200);
    assertThat(types.body()).contains("card.viewed", "contact.saved", "webhook.test");
  }
}
