package com.devcard.webhooks.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.DebugLogging;
import com.devcard.webhooks.app.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions of the users' page through the running service, as DevCard and a browser use them: a
 * link from the backend, its code exchanged by the page, the session token on the REST API, and the
 * end of every session of the user. No code or token is kept anywhere but in the browser: not in
 * the database, not in a log line (debug level included), not in another answer.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class PortalSessionsIT {

  @Autowired AppClient app;
  @Autowired JdbcClient jdbc;
  @RegisterExtension final DebugLogging debugLogging = new DebugLogging();

  private Response link(TestUser user) {
    Response link =
        app.post(
            "/api/portal-sessions",
            app.portalBackend(),
            "{\"userId\": \"%s\", \"ttlSeconds\": 600}".formatted(user.id()));
    assertThat(link.status()).as(link.body()).isEqualTo(201);
    return link;
  }

  private static String codeOf(Response link) {
    String url = link.json().get("url").asString();
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  private Response exchange(String code) {
    return app.post("/api/portal-sessions/exchange", null, "{\"code\": \"" + code + "\"}");
  }

  @Test
  void aLinkOpensASessionOfItsUserUntilTheBackendEndsIt(CapturedOutput output) {
    TestUser user = app.newUser();
    String own = app.createEndpoint(user.token(), "http://127.0.0.1:9/own");
    app.createEndpoint(app.newUser().token(), "http://127.0.0.1:9/others");
    List<String> answers = new ArrayList<>();

    Response link = link(user);
    String code = codeOf(link);
    assertThat(link.json().get("url").asString()).startsWith("http://localhost:8080/portal#code=");
    Response exchanged = exchange(code);
    assertThat(exchanged.status()).isEqualTo(200);
    String token = exchanged.json().get("token").asString();
    answers.add(exchanged.body().replace(token, ""));

    Response list = app.get("/api/webhooks", token);
    assertThat(list.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.json().get("items").values().forEach(item -> ids.add(item.get("id").asString()));
    assertThat(ids).containsExactly(own);
    answers.add(list.body());
    Response reused = exchange(code);
    assertThat(reused.status()).isEqualTo(410);
    answers.add(reused.body());

    Response ended = app.delete("/api/portal-sessions?userId=" + user.id(), app.portalBackend());
    assertThat(ended.status()).isEqualTo(204);
    Response refused = app.get("/api/webhooks", token);
    assertThat(refused.status()).isEqualTo(401);
    answers.add(refused.body());

    String logs = output.getAll();
    assertThat(logs).contains("portal session", user.id());
    for (String secret : List.of(code, token, code.substring(4), token.substring(4))) {
      assertThat(logs.contains(secret)).as("a code or token in the logs").isFalse();
      assertThat(answers).noneMatch(answer -> answer.contains(secret));
    }
  }

  @Test
  void theDatabaseHoldsNoCodeOrTokenInClear() {
    TestUser user = app.newUser();
    String code = codeOf(link(user));
    String token = exchange(code).json().get("token").asString();

    String dump =
        jdbc.sql(
                "select string_agg(t::text, ' ') from webhook_portal_sessions t"
                    + " where user_id = :user")
            .param("user", user.id())
            .query(String.class)
            .single();

    assertThat(dump)
        .contains(user.id())
        .doesNotContain(code, token, code.substring(4), token.substring(4));
  }
}
