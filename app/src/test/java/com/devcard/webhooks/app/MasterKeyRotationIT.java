package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.secrets.ReEncryptSecretsCommand;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.secret.SecretGenerator;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A master key rotation on the running app: its keyset has a new primary key, the stored secrets
 * are still under the old one (as they were before the operator added the key), and deliveries keep
 * flowing, correctly signed, while the admin route and then the jar command re-encrypt them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterKeyRotationIT {

  static final String OLD_KEYSET = SecretCipher.newKeysetJson();
  static final String NEW_KEYSET = SecretCipher.withNewPrimaryKey(OLD_KEYSET);
  static final SecretCipher OLD = SecretCipher.fromKeysetJson(OLD_KEYSET);
  static final SecretCipher NEW = SecretCipher.fromKeysetJson(NEW_KEYSET);

  static WireMockServer receiver;
  static WebhooksStack stack;
  static ConfigurableApplicationContext app;
  static Map<String, Signing> endpoints = new LinkedHashMap<>();

  ApiClient api;
  TestTokens tokens;
  JdbcClient jdbc;

  /** An endpoint's receiver path and the secrets that sign its deliveries. */
  record Signing(String user, String path, String current, String previous) {}

  @BeforeAll
  static void start() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
    stack = WebhooksStack.start();
    List<String> arguments = new ArrayList<>(stack.commandLineArguments());
    arguments.addAll(
        List.of(
            "--server.port=0",
            "--webhooks.allow-http=true",
            "--webhooks.allow-private-targets=true",
            "--webhooks.master-key=" + NEW_KEYSET,
            "--webhooks.retry-delays=1s,2s,3s",
            "--webhooks.reconciler.unstarted-every=1s",
            "--webhooks.secrets.re-encrypt-batch-size=2"));
    app =
        new SpringApplicationBuilder(WebhooksApplication.class)
            .run(arguments.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    stack.close();
    receiver.stop();
  }

  @BeforeEach
  void setUp() {
    Environment environment = app.getEnvironment();
    api = new ApiClient(environment.getRequiredProperty("local.server.port", Integer.class));
    tokens = new TestTokens(environment.getRequiredProperty("webhooks.jwt.secret"));
    jdbc = app.getBean(JdbcClient.class);
  }

  @Test
  @Order(1)
  void deliveriesStaySignedWhileTheAdminRouteMovesSecretsToTheNewPrimaryKey() throws Exception {
    for (String user : List.of("user-a-" + UUID.randomUUID(), "user-b-" + UUID.randomUUID())) {
      for (int i = 0; i < 3; i++) {
        register(user, i == 0);
      }
    }
    endpoints.forEach(this::storeUnderTheOldKey);
    assertThat(storedCiphertexts()).hasSize(8).noneMatch(NEW::isUnderPrimaryKey);

    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicInteger deliveries = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Response report;
    try {
      String publisher = tokens.withScope("devcard-backend", "events:publish");
      List<String> users = endpoints.values().stream().map(Signing::user).distinct().toList();
      Future<?> traffic =
          pool.submit(
              () -> {
                for (int round = 0; publishing.get() && round < 400; round++) {
                  Response dispatched =
                      api.post(
                          "/api/events",
                          publisher,
                          "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"r\": %d}}"
                              .formatted(users.get(round % users.size()), round));
                  assertThat(dispatched.status()).isEqualTo(202);
                  deliveries.addAndGet(dispatched.json().get("deliveries").size());
                  Thread.sleep(20);
                }
                return null;
              });
      await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 12);

      report = api.post("/api/admin/master-key/re-encrypt", admin(), "");

      int atReEncryption = deliveries.get();
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.get() >= atReEncryption + 12);
      publishing.set(false);
      traffic.get();
    } finally {
      publishing.set(false);
      pool.shutdownNow();
    }

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.json().get("primaryKeyId").asLong()).isEqualTo(NEW.primaryKeyId());
    assertThat(report.json().get("endpoints").asLong()).isEqualTo(6);
    assertThat(report.json().get("reEncrypted").asLong()).isEqualTo(8);
    assertThat(report.json().get("alreadyCurrent").asLong()).isZero();
    assertThat(report.json().get("undecryptable").asLong()).isZero();
    assertThat(report.json().get("complete").asBoolean()).isTrue();
    assertThat(storedCiphertexts()).hasSize(8).allMatch(NEW::isUnderPrimaryKey);

    await().atMost(Duration.ofSeconds(30)).until(() -> received().size() >= deliveries.get());
    String stranger = SecretGenerator.newSecret();
    for (Map.Entry<String, ReceivedDelivery> entry : received()) {
      Signing signing = byPath(entry.getKey());
      ReceivedDelivery delivery = entry.getValue();
      assertThat(delivery.verifiesWith(signing.current())).isTrue();
      if (signing.previous() != null) {
        assertThat(delivery.verifiesWith(signing.previous())).isTrue();
      }
      assertThat(delivery.verifiesWith(stranger)).isFalse();
    }
  }

  @Test
  @Order(2)
  void theJarCommandReEncryptsWhatAnOldInstanceWroteAndReportsCounts() {
    List<String> ids = List.copyOf(endpoints.keySet());
    // An instance still on the old keyset rewrote two secrets meanwhile.
    for (String id : ids.subList(4, 6)) {
      setCurrentCiphertext(id, OLD.encrypt(endpoints.get(id).current(), id));
    }

    Run first = command(NEW_KEYSET);
    Run second = command(NEW_KEYSET);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("primary key " + NEW.primaryKeyId())
        .containsPattern("endpoints read: +6\\n")
        .containsPattern("re-encrypted: +2\\n")
        .containsPattern("already current: +6\\n")
        .containsPattern("undecryptable: +0\\n")
        .contains("older keys can now be removed");
    assertThat(storedCiphertexts()).allMatch(NEW::isUnderPrimaryKey);
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).containsPattern("re-encrypted: +0\\n");
  }

  @Test
  @Order(3)
  void theCommandReportsSecretsNoKeyOpensAndLeavesThemAsTheyAre() {
    List<byte[]> before = storedCiphertexts();

    Run run = command(SecretCipher.newKeysetJson());

    assertThat(run.exitCode()).isEqualTo(ReEncryptSecretsCommand.INCOMPLETE);
    assertThat(run.out()).containsPattern("undecryptable: +8\\n");
    endpoints.keySet().forEach(id -> assertThat(run.out()).contains(id));
    assertThat(storedCiphertexts()).containsExactlyElementsOf(before);
  }

  @Test
  @Order(4)
  void theAdminRouteNeedsTheAdminScope() {
    String path = "/api/admin/master-key/re-encrypt";

    assertThat(api.post(path, null, "").status()).isEqualTo(401);
    assertThat(api.post(path, tokens.user("someone"), "").status()).isEqualTo(403);
    assertThat(api.post(path, tokens.withScope("devcard-backend", "events:publish"), "").status())
        .isEqualTo(403);
    assertThat(api.post(path, admin(), "").status()).isEqualTo(200);
  }

  private String admin() {
    return tokens.withScope("operator", "webhooks:admin");
  }

  private void register(String user, boolean rotate) {
    String token = tokens.user(user);
    String path = "/hook-" + UUID.randomUUID();
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"]}"
                .formatted(receiver.port(), path));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    String secret = created.json().get("secret").asString();
    if (!rotate) {
      endpoints.put(id, new Signing(user, path, secret, null));
      return;
    }
    Response rotated =
        api.post("/api/webhooks/" + id + "/rotate-secret", token, "{\"graceSeconds\": 3600}");
    endpoints.put(id, new Signing(user, path, rotated.json().get("secret").asString(), secret));
  }

  /** The ciphertexts as the old keyset would have written them, before the new key existed. */
  private void storeUnderTheOldKey(String id, Signing signing) {
    setCurrentCiphertext(id, OLD.encrypt(signing.current(), id));
    if (signing.previous() != null) {
      jdbc.sql("update webhook_endpoints set previous_secret_ciphertext = :c where id = :id")
          .param("c", OLD.encrypt(signing.previous(), id))
          .param("id", id)
          .update();
    }
  }

  private void setCurrentCiphertext(String id, byte[] ciphertext) {
    jdbc.sql("update webhook_endpoints set secret_ciphertext = :c where id = :id")
        .param("c", ciphertext)
        .param("id", id)
        .update();
  }

  private List<byte[]> storedCiphertexts() {
    List<byte[]> all = new ArrayList<>();
    jdbc.sql(
            "select secret_ciphertext, previous_secret_ciphertext from webhook_endpoints"
                + " order by id")
        .query(
            rs -> {
              all.add(rs.getBytes(1));
              if (rs.getBytes(2) != null) {
                all.add(rs.getBytes(2));
              }
            });
    return all;
  }

  /** Every request received so far, keyed by its receiver path. */
  private static List<Map.Entry<String, ReceivedDelivery>> received() {
    List<Map.Entry<String, ReceivedDelivery>> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      requests.add(Map.entry(event.getRequest().getUrl(), ReceivedDelivery.of(event.getRequest())));
    }
    return requests;
  }

  private static Signing byPath(String path) {
    return endpoints.values().stream()
        .filter(signing -> signing.path().equals(path))
        .findFirst()
        .orElseThrow();
  }

  record Run(int exitCode, String out, String err) {}

  /** {@code java -jar app.jar --re-encrypt-secrets} against this app's database. */
  private Run command(String keyset) {
    Environment environment = app.getEnvironment();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        ReEncryptSecretsCommand.run(
            new String[] {
              "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
              "--spring.datasource.username="
                  + environment.getRequiredProperty("spring.datasource.username"),
              "--spring.datasource.password=",
              "--webhooks.master-key=" + keyset,
              "--webhooks.secrets.re-encrypt-batch-size=4"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
