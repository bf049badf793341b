package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The running app as its callers reach it: its HTTP API, and bearer tokens signed with its secret
 * for users, the event publisher and operators. A bean of every test context (see {@link
 * RunningApp}), for constructor injection, made lazily: once the server has its port. A test that
 * starts the app itself makes one from the port and the secret.
 */
@Lazy
public final class AppClient extends ApiClient {

  private final String jwtSecret;
  private final TestTokens tokens;

  public AppClient(
      @Value("${local.server.port}") int port, @Value("${webhooks.jwt.secret}") String jwtSecret) {
    super(port);
    this.jwtSecret = jwtSecret;
    this.tokens = new TestTokens(jwtSecret);
  }

  /** The client of an application a test started itself. */
  public static AppClient of(Environment environment) {
    return new AppClient(
        environment.getRequiredProperty("local.server.port", Integer.class),
        environment.getRequiredProperty("webhooks.jwt.secret"));
  }

  /** The secret tokens are signed with, for tests that forge tokens of their own. */
  public String jwtSecret() {
    return jwtSecret;
  }

  public TestTokens tokens() {
    return tokens;
  }

  /** A user of its own, so tests that share the app never see each other's endpoints. */
  public TestUser newUser() {
    return newUser("user");
  }

  /** A user of its own whose id starts with the role it plays in a test. */
  public TestUser newUser(String role) {
    String id = role + "-" + UUID.randomUUID();
    return new TestUser(id, tokens.user(id));
  }

  /** The DevCard backend's token, which may report events. */
  public String publisher() {
    return tokens.withScope("devcard-backend", "events:publish");
  }

  /** The DevCard backend's token that makes links to the users' page and ends their sessions. */
  public String portalBackend() {
    return tokens.withScope("devcard-backend", "webhooks:portal");
  }

  /** An operator's token, for the admin routes. */
  public String operator() {
    return tokens.withScope("ops-" + UUID.randomUUID(), "webhooks:admin");
  }

  /** Reports a {@code card.viewed} event of the user with this JSON object as its data. */
  public Response publish(String userId, String data) {
    return post(
        "/api/events",
        publisher(),
        "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": %s}".formatted(userId, data));
  }

  /** Registers an endpoint of the token's user for {@code card.viewed} and returns its id. */
  public String createEndpoint(String token, String url) {
    Response created =
        post(
            "/api/webhooks",
            token,
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"]}".formatted(url));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  /** The user's endpoints on paths of this receiver. */
  public ReceiverEndpoints endpoints(TestUser user, WireMockExtension receiver) {
    return new ReceiverEndpoints(this, user.token(), receiver);
  }
}
