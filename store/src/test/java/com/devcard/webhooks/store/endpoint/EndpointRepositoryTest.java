package com.devcard.webhooks.store.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.store.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class EndpointRepositoryTest {

  private static final TestStore store = TestStore.fresh();
  private static final EndpointRepository endpoints = store.endpoints();

  private final String user = "user-" + UUID.randomUUID();

  private CreatedEndpoint create(String url, String... events) {
    return endpoints.create(new NewEndpoint(user, url, List.of(events), null), 10);
  }

  private String pendingDeliveryFor(String endpointId, String eventType) {
    return store
        .dispatches()
        .dispatch(
            new NewEvent(
                "evt_" + UUID.randomUUID(),
                user,
                null,
                eventType,
                "{}",
                Instant.now(),
                List.of(Duration.ofSeconds(30)),
                endpointId),
            0)
        .deliveries()
        .getFirst()
        .id();
  }

  private String statusOf(String deliveryId) {
    return store
        .jdbc()
        .sql("select status from webhook_deliveries where id = :id")
        .param("id", deliveryId)
        .query(String.class)
        .single();
  }

  @Test
  void createReturnsTheEndpointAndItsSecretOnce() {
    CreatedEndpoint created =
        endpoints.create(
            new NewEndpoint(
                user, "https://example.com/hook", List.of("invoice.paid", "card.viewed"), "CRM"),
            5);

    Endpoint endpoint = created.endpoint();
    assertThat(endpoint.id()).matches("ep_[0-9A-Z]{26}");
    assertThat(endpoint.userId()).isEqualTo(user);
    assertThat(endpoint.url()).isEqualTo("https://example.com/hook");
    assertThat(endpoint.events()).containsExactly("invoice.paid", "card.viewed");
    assertThat(endpoint.description()).isEqualTo("CRM");
    assertThat(endpoint.active()).isTrue();
    assertThat(endpoint.createdAt()).isEqualTo(endpoint.updatedAt()).isNotNull();
    assertThat(created.secret()).startsWith("whsec_");
    assertThat(created.toString()).doesNotContain(created.secret());
    assertThat(endpoints.find(user, endpoint.id())).contains(endpoint);
  }

  @Test
  void theSecretColumnHoldsNoPlaintext() {
    CreatedEndpoint created = create("https://example.com/hook", "invoice.paid");
    String secret = created.secret();
    byte[] secretKey = Base64.getDecoder().decode(secret.substring("whsec_".length()));

    byte[] stored =
        store
            .jdbc()
            .sql("select secret_ciphertext from webhook_endpoints where id = :id")
            .param("id", created.endpoint().id())
            .query(byte[].class)
            .single();

    String storedText = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(storedText)
        .doesNotContain(secret)
        .doesNotContain(secret.substring("whsec_".length()))
        .doesNotContain(new String(secretKey, StandardCharsets.ISO_8859_1));
    assertThat(EmbeddedDatabase.testCipher().decrypt(stored, created.endpoint().id()))
        .isEqualTo(secret);
  }

  @Test
  void theStoredSecretDoesNotDecryptAsAnotherEndpoints() {
    CreatedEndpoint created = create("https://example.com/hook", "invoice.paid");
    byte[] stored =
        store
            .jdbc()
            .sql("select secret_ciphertext from webhook_endpoints where id = :id")
            .param("id", created.endpoint().id())
            .query(byte[].class)
            .single();

    assertThatThrownBy(() -> EmbeddedDatabase.testCipher().decrypt(stored, "ep_other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("endpoint secret could not be decrypted");
  }

  @Test
  void secretsReturnsTheDecryptedCurrentSecret() {
    CreatedEndpoint created = create("https://example.com/hook", "invoice.paid");

    assertThat(endpoints.secrets(created.endpoint().id()))
        .contains(new EndpointSecrets(created.secret(), null, null));
  }

  @Test
  void secretsIncludeThePreviousSecretOnlyWhileItsGracePeriodLasts() {
    String id = create("https://example.com/hook", "invoice.paid").endpoint().id();
    String previous = "whsec_previous";
    Instant expiresAt = Instant.parse("2099-01-01T00:00:00Z");
    setPreviousSecret(id, previous, expiresAt);

    assertThat(endpoints.secrets(id).orElseThrow().previous()).isEqualTo(previous);
    assertThat(endpoints.secrets(id).orElseThrow().previousExpiresAt()).isEqualTo(expiresAt);
    assertThat(endpoints.secrets(id).orElseThrow().toString()).doesNotContain(previous);

    setPreviousSecret(id, previous, Instant.now().minusSeconds(1));

    EndpointSecrets afterExpiry = endpoints.secrets(id).orElseThrow();
    assertThat(afterExpiry.previous()).isNull();
    assertThat(afterExpiry.previousExpiresAt()).isNull();
  }

  private void setPreviousSecret(String endpointId, String secret, Instant expiresAt) {
    store
        .jdbc()
        .sql(
            "update webhook_endpoints set previous_secret_ciphertext = :ciphertext,"
                + " previous_secret_expires_at = :expiresAt where id = :id")
        .param("ciphertext", EmbeddedDatabase.testCipher().encrypt(secret, endpointId))
        .param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
        .param("id", endpointId)
        .update();
  }

  @Test
  void secretsOfADeletedOrUnknownEndpointAreEmpty() {
    String id = create("https://example.com/hook", "invoice.paid").endpoint().id();
    endpoints.delete(user, id);

    assertThat(endpoints.secrets(id)).isEmpty();
    assertThat(endpoints.secrets("ep_unknown")).isEmpty();
  }

  @Test
  void anotherUsersEndpointIsNotFoundButFindByIdSeesIt() {
    String id = create("https://example.com/hook", "invoice.paid").endpoint().id();

    assertThat(endpoints.find("someone-else", id)).isEmpty();
    assertThat(endpoints.findById(id)).map(Endpoint::userId).contains(user);
    assertThat(endpoints.find(user, "ep_unknown")).isEmpty();
  }

  @Test
  void listByUserReturnsTheUsersEndpointsOldestFirst() {
    String first = create("https://example.com/1", "a").endpoint().id();
    String second = create("https://example.com/2", "b").endpoint().id();
    String third = create("https://example.com/3", "c").endpoint().id();
    endpoints.delete(user, second);
    endpoints.create(
        new NewEndpoint("other-" + user, "https://example.com/x", List.of("a"), null), 5);

    assertThat(endpoints.listByUser(user)).extracting(Endpoint::id).containsExactly(first, third);
  }

  @Test
  void createRefusesTheEndpointBeyondTheLimit() {
    for (int i = 0; i < 3; i++) {
      endpoints.create(new NewEndpoint(user, "https://example.com/" + i, List.of("a"), null), 3);
    }

    assertThatThrownBy(
            () ->
                endpoints.create(
                    new NewEndpoint(user, "https://example.com/x", List.of("a"), null), 3))
        .isInstanceOf(EndpointLimitReachedException.class)
        .hasMessage("at most 3 endpoints per user");
    assertThat(endpoints.listByUser(user)).hasSize(3);
  }

  @Test
  void deletedEndpointsDoNotCountTowardsTheLimit() {
    String id =
        endpoints
            .create(new NewEndpoint(user, "https://example.com/1", List.of("a"), null), 1)
            .endpoint()
            .id();
    endpoints.delete(user, id);

    assertThat(
            endpoints.create(new NewEndpoint(user, "https://example.com/2", List.of("a"), null), 1))
        .isNotNull();
  }

  @Test
  void theLimitHoldsUnderTwentyConcurrentCreates() throws Exception {
    int max = 5;
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String url = "https://example.com/" + i;
        Callable<Boolean> createOne =
            () -> {
              start.await();
              try {
                endpoints.create(new NewEndpoint(user, url, List.of("a"), null), max);
                return true;
              } catch (EndpointLimitReachedException e) {
                return false;
              }
            };
        results.add(pool.submit(createOne));
      }
      start.countDown();
      int succeeded = 0;
      for (Future<Boolean> result : results) {
        succeeded += result.get() ? 1 : 0;
      }

      assertThat(succeeded).isEqualTo(max);
      assertThat(endpoints.listByUser(user)).hasSize(max);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void updateChangesOnlyTheGivenFields() {
    Endpoint before =
        endpoints
            .create(new NewEndpoint(user, "https://example.com/old", List.of("a"), "kept"), 5)
            .endpoint();

    EndpointUpdate update =
        endpoints
            .update(
                user,
                before.id(),
                new EndpointChanges(
                    Optional.of("https://example.com/new"),
                    Optional.of(List.of("b", "c")),
                    Optional.empty(),
                    Optional.empty()))
            .orElseThrow();

    Endpoint after = update.endpoint();
    assertThat(after.url()).isEqualTo("https://example.com/new");
    assertThat(after.events()).containsExactly("b", "c");
    assertThat(after.description()).isEqualTo("kept");
    assertThat(after.active()).isTrue();
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.updatedAt()).isAfter(before.updatedAt());
    assertThat(update.cancelledDeliveryIds()).isEmpty();
    assertThat(endpoints.find(user, before.id())).contains(after);
  }

  @Test
  void updateSetsAndClearsTheDescription() {
    String id = create("https://example.com/hook", "a").endpoint().id();

    EndpointChanges set =
        new EndpointChanges(
            Optional.empty(),
            Optional.empty(),
            Optional.of(Optional.of("hello")),
            Optional.empty());
    assertThat(endpoints.update(user, id, set).orElseThrow().endpoint().description())
        .isEqualTo("hello");

    EndpointChanges clear =
        new EndpointChanges(
            Optional.empty(), Optional.empty(), Optional.of(Optional.empty()), Optional.empty());
    assertThat(endpoints.update(user, id, clear).orElseThrow().endpoint().description()).isNull();
  }

  @Test
  void updateOfAnotherUsersOrADeletedEndpointIsEmpty() {
    String id = create("https://example.com/hook", "a").endpoint().id();
    EndpointChanges changes =
        new EndpointChanges(
            Optional.of("https://evil.example.com"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThat(endpoints.update("someone-else", id, changes)).isEmpty();
    endpoints.delete(user, id);
    assertThat(endpoints.update(user, id, changes)).isEmpty();
    assertThat(endpoints.update(user, "ep_unknown", changes)).isEmpty();
  }

  @Test
  void deactivatingCancelsPendingDeliveriesAndReturnsTheirIds() {
    String id = create("https://example.com/hook", "a").endpoint().id();
    String pending = pendingDeliveryFor(id, "a");
    String finished = pendingDeliveryFor(id, "a");
    store.cancellations().markCancelled(finished);

    EndpointUpdate update =
        endpoints
            .update(
                user,
                id,
                new EndpointChanges(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)))
            .orElseThrow();

    assertThat(update.endpoint().active()).isFalse();
    assertThat(update.cancelledDeliveryIds()).containsExactly(pending);
    assertThat(statusOf(pending)).isEqualTo("cancelled");
    Instant nextRetryAt =
        store
            .jdbc()
            .sql("select next_retry_at from webhook_deliveries where id = :id")
            .param("id", pending)
            .query(OffsetDateTime.class)
            .optional()
            .map(OffsetDateTime::toInstant)
            .orElse(null);
    assertThat(nextRetryAt).isNull();
  }

  @Test
  void reactivatingCancelsNothing() {
    String id = create("https://example.com/hook", "a").endpoint().id();
    EndpointChanges off =
        new EndpointChanges(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false));
    EndpointChanges on =
        new EndpointChanges(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true));
    endpoints.update(user, id, off);
    String testDelivery = pendingDeliveryFor(id, "a");

    EndpointUpdate update = endpoints.update(user, id, on).orElseThrow();

    assertThat(update.endpoint().active()).isTrue();
    assertThat(update.cancelledDeliveryIds()).isEmpty();
    assertThat(statusOf(testDelivery)).isEqualTo("pending");
  }

  @Test
  void deleteHidesTheEndpointAndCancelsItsPendingDeliveries() {
    String id = create("https://example.com/hook", "a").endpoint().id();
    String pending = pendingDeliveryFor(id, "a");

    assertThat(endpoints.delete(user, id)).contains(List.of(pending));

    assertThat(statusOf(pending)).isEqualTo("cancelled");
    assertThat(endpoints.find(user, id)).isEmpty();
    assertThat(endpoints.findById(id)).isEmpty();
    assertThat(endpoints.listByUser(user)).isEmpty();
  }

  @Test
  void deleteOfAnotherUsersOrAnAlreadyDeletedEndpointIsEmpty() {
    String id = create("https://example.com/hook", "a").endpoint().id();

    assertThat(endpoints.delete("someone-else", id)).isEmpty();
    assertThat(endpoints.find(user, id)).isPresent();
    assertThat(endpoints.delete(user, id)).contains(List.of());
    assertThat(endpoints.delete(user, id)).isEmpty();
  }

  @Test
  void rotationReturnsANewSecretAndKeepsTheOldOneSigningUntilTheGracePeriodEnds() {
    CreatedEndpoint created = create("https://example.com/hook", "a");
    String id = created.endpoint().id();
    Instant before = Instant.now();

    RotatedSecret rotated = endpoints.rotateSecret(user, id, Duration.ofHours(2)).orElseThrow();

    assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
    assertThat(rotated.toString()).doesNotContain(rotated.secret());
    assertThat(rotated.previousSecretExpiresAt())
        .isBetween(
            before.plus(Duration.ofHours(2)).minusSeconds(1),
            Instant.now().plus(Duration.ofHours(2)));
    assertThat(endpoints.secrets(id))
        .contains(
            new EndpointSecrets(
                rotated.secret(), created.secret(), rotated.previousSecretExpiresAt()));
    assertThat(endpoints.find(user, id).orElseThrow().updatedAt())
        .isAfter(created.endpoint().updatedAt());
  }

  @Test
  void aSecondRotationDuringTheGracePeriodReplacesThePreviousSecret() {
    CreatedEndpoint created = create("https://example.com/hook", "a");
    String id = created.endpoint().id();

    RotatedSecret first = endpoints.rotateSecret(user, id, Duration.ofDays(1)).orElseThrow();
    RotatedSecret second = endpoints.rotateSecret(user, id, Duration.ofMinutes(5)).orElseThrow();

    EndpointSecrets secrets = endpoints.secrets(id).orElseThrow();
    assertThat(secrets.current()).isEqualTo(second.secret());
    assertThat(secrets.previous()).isEqualTo(first.secret());
    assertThat(secrets.previousExpiresAt()).isEqualTo(second.previousSecretExpiresAt());
    assertThat(List.of(secrets.current(), secrets.previous())).doesNotContain(created.secret());
  }

  @Test
  void aRotationWithoutGracePeriodRevokesTheOldSecretAtOnce() {
    CreatedEndpoint created = create("https://example.com/hook", "a");
    String id = created.endpoint().id();
    endpoints.rotateSecret(user, id, Duration.ofDays(1));
    Instant before = Instant.now();

    RotatedSecret rotated = endpoints.rotateSecret(user, id, Duration.ZERO).orElseThrow();

    assertThat(endpoints.secrets(id)).contains(new EndpointSecrets(rotated.secret(), null, null));
    assertThat(rotated.previousSecretExpiresAt()).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(previousCiphertext(id)).isNull();
  }

  @Test
  void rotatingAnotherUsersADeletedOrAnUnknownEndpointChangesNothing() {
    CreatedEndpoint created = create("https://example.com/hook", "a");
    String id = created.endpoint().id();

    assertThat(endpoints.rotateSecret("someone-else", id, Duration.ofDays(1))).isEmpty();
    assertThat(endpoints.secrets(id)).contains(new EndpointSecrets(created.secret(), null, null));
    assertThat(endpoints.rotateSecret(user, "ep_unknown", Duration.ofDays(1))).isEmpty();
    endpoints.delete(user, id);
    assertThat(endpoints.rotateSecret(user, id, Duration.ofDays(1))).isEmpty();
  }

  @Test
  void aNegativeGracePeriodIsRefused() {
    String id = create("https://example.com/hook", "a").endpoint().id();

    assertThatThrownBy(() -> endpoints.rotateSecret(user, id, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentRotationsLeaveOnlySecretsThatWereReturnedToACaller() throws Exception {
    String id = create("https://example.com/hook", "a").endpoint().id();
    int callers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<RotatedSecret>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return endpoints.rotateSecret(user, id, Duration.ofDays(1)).orElseThrow();
                }));
      }
      start.countDown();
      List<String> returned = new ArrayList<>();
      for (Future<RotatedSecret> future : futures) {
        returned.add(future.get().secret());
      }

      EndpointSecrets secrets = endpoints.secrets(id).orElseThrow();
      assertThat(returned).doesNotHaveDuplicates().contains(secrets.current(), secrets.previous());
      assertThat(secrets.previous()).isNotEqualTo(secrets.current());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expiredPreviousSecretsAreErasedAndLiveOnesKept() {
    String expired = create("https://example.com/1", "a").endpoint().id();
    String live = create("https://example.com/2", "a").endpoint().id();
    setPreviousSecret(expired, "whsec_old", Instant.now().minusSeconds(1));
    endpoints.rotateSecret(user, live, Duration.ofHours(1));

    assertThat(endpoints.eraseExpiredPreviousSecrets()).isGreaterThanOrEqualTo(1);

    assertThat(previousCiphertext(expired)).isNull();
    assertThat(previousCiphertext(live)).isNotNull();
    assertThat(endpoints.secrets(live).orElseThrow().previous()).isNotNull();
  }

  @Test
  void aPreviousSecretWithoutExpiryIsRefusedByTheSchema() {
    String id = create("https://example.com/hook", "a").endpoint().id();

    assertThatThrownBy(
            () ->
                store
                    .jdbc()
                    .sql(
                        "update webhook_endpoints set previous_secret_ciphertext = secret_ciphertext"
                            + " where id = :id")
                    .param("id", id)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private byte[] previousCiphertext(String endpointId) {
    return store
        .jdbc()
        .sql("select previous_secret_ciphertext from webhook_endpoints where id = :id")
        .param("id", endpointId)
        .query((rs, rowNum) -> rs.getBytes(1))
        .list()
        .getFirst();
  }
}
