package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.secrets.ReEncryptSecretsCommand;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.secret.SecretGenerator;
import com.devcard.webhooks.testkit.Receivers;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();
  static WebhooksStack stack;
  static ConfigurableApplicationContext app;
  static Map<String, Signing> endpoints = new LinkedHashMap<>();

  AppClient api;
  JdbcClient jdbc;

  /** An endpoint's receiver path and the secrets that sign its deliveries. */
  record Signing(String user, String path, String current, String previous) {}

  @BeforeAll
  static void start() {
    stack = WebhooksStack.start();
    app =
        HandStartedApp.start(
            stack,
            "webhooks.allow-http=true",
            "webhooks.allow-private-targets=true",
            "webhooks.master-key=" + NEW_KEYSET,
            "webhooks.retry-delays=1s,2s,3s",
            "webhooks.reconciler.unstarted-every=1s",
            "webhooks.secrets.re-encrypt-batch-size=2");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    stack.close();
  }

  @BeforeEach
  void setUp() {
    api = AppClient.of(app.getEnvironment());
    jdbc = app.getBean(JdbcClient.class);
  }

  @Test
  @Order(1)
  void deliveriesStaySignedWhileTheAdminRouteMovesSecretsToTheNewPrimaryKey() throws Exception {
    for (TestUser user : List.of(api.newUser("user-a"), api.newUser("user-b"))) {
      ReceiverEndpoints userEndpoints = api.endpoints(user, receiver);
      for (int i = 0; i < 3; i++) {
        register(user, userEndpoints, i == 0);
      }
    }
    endpoints.forEach(this::storeUnderTheOldKey);
    assertThat(storedCiphertexts()).hasSize(8).noneMatch(NEW::isUnderPrimaryKey);

    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicInteger deliveries = new AtomicInteger();
    ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
    Response report;
    try {
      List<String> users = endpoints.values().stream().map(Signing::user).distinct().toList();
      // One event per round, each round 20 ms after the one before, until told to stop.
      CompletableFuture<Void> traffic = new CompletableFuture<>();
      AtomicInteger rounds = new AtomicInteger();
      pool.scheduleWithFixedDelay(
          () -> {
            if (traffic.isDone()) {
              return;
            }
            int round = rounds.getAndIncrement();
            if (!publishing.get() || round >= 400) {
              traffic.complete(null);
              return;
            }
            try {
              Response dispatched =
                  api.publish(users.get(round % users.size()), "{\"r\": %d}".formatted(round));
              assertThat(dispatched.status()).isEqualTo(202);
              deliveries.addAndGet(dispatched.json().get("deliveries").size());
            } catch (RuntimeException | AssertionError failed) {
              traffic.completeExceptionally(failed);
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 12);

      report = api.post("/api/admin/master-key/re-encrypt", api.operator(), "");

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
    assertThat(api.post(path, api.newUser().token(), "").status()).isEqualTo(403);
    assertThat(api.post(path, api.publisher(), "").status()).isEqualTo(403);
    assertThat(api.post(path, api.operator(), "").status()).isEqualTo(200);
  }

  private void register(TestUser user, ReceiverEndpoints userEndpoints, boolean rotate) {
    TestEndpoint created = userEndpoints.register(204);
    String id = created.id();
    String path = created.receiverPath();
    if (!rotate) {
      endpoints.put(id, new Signing(user.id(), path, created.secret(), null));
      return;
    }
    Response rotated =
        api.post(created.path("/rotate-secret"), user.token(), "{\"graceSeconds\": 3600}");
    endpoints.put(
        id,
        new Signing(user.id(), path, rotated.json().get("secret").asString(), created.secret()));
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
