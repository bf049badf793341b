package com.devcard.webhooks.store.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointSecrets;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.endpoint.RotatedSecret;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A master key rotation on a real PostgreSQL: secrets written under the old primary key, a keyset
 * that gained a new primary, and the re-encryption that lets the old key be removed.
 */
class SecretReEncryptorTest {

  private static final String OLD_KEYSET = SecretCipher.newKeysetJson();
  private static final String NEW_KEYSET = SecretCipher.withNewPrimaryKey(OLD_KEYSET);
  private static final SecretCipher OLD = SecretCipher.fromKeysetJson(OLD_KEYSET);
  private static final SecretCipher NEW = SecretCipher.fromKeysetJson(NEW_KEYSET);
  private static final SecretCipher NEW_KEY_ONLY =
      SecretCipher.fromKeysetJson(onlyPrimaryKey(NEW_KEYSET));

  private JdbcClient jdbc;
  private TransactionTemplate transactions;
  private EndpointRepository beforeDeploy;
  private EndpointRepository afterDeploy;

  @BeforeEach
  void freshDatabase() {
    DataSource dataSource = EmbeddedDatabase.freshDataSource();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    beforeDeploy = endpointsWith(OLD);
    afterDeploy = endpointsWith(NEW);
  }

  private EndpointRepository endpointsWith(SecretCipher cipher) {
    return new EndpointRepository(jdbc, cipher, transactions);
  }

  private SecretReEncryptor reEncryptor() {
    return new SecretReEncryptor(jdbc, NEW, transactions);
  }

  private static CreatedEndpoint create(EndpointRepository endpoints, String user) {
    return endpoints.create(
        new NewEndpoint(user, "https://example.com/hook", List.of("a"), null), 5);
  }

  private List<byte[]> storedCiphertexts() {
    List<byte[]> all = new ArrayList<>();
    jdbc.sql("select secret_ciphertext, previous_secret_ciphertext from webhook_endpoints")
        .query(
            rs -> {
              all.add(rs.getBytes(1));
              if (rs.getBytes(2) != null) {
                all.add(rs.getBytes(2));
              }
            });
    return all;
  }

  @Test
  void everySecretEndsUnderTheNewPrimaryKeySoTheOldKeyCanBeRemoved() {
    Map<String, EndpointSecrets> expected = new ConcurrentHashMap<>();
    for (int i = 0; i < 7; i++) {
      CreatedEndpoint created = create(beforeDeploy, "user-" + i);
      String id = created.endpoint().id();
      expected.put(id, new EndpointSecrets(created.secret(), null, null));
      if (i < 3) {
        RotatedSecret rotated =
            beforeDeploy.rotateSecret("user-" + i, id, Duration.ofDays(1)).orElseThrow();
        expected.put(
            id,
            new EndpointSecrets(
                rotated.secret(), created.secret(), rotated.previousSecretExpiresAt()));
      }
    }
    String deleted = create(beforeDeploy, "user-gone").endpoint().id();
    beforeDeploy.delete("user-gone", deleted);

    ReEncryptionReport report = reEncryptor().reEncryptAll(2);

    assertThat(report)
        .isEqualTo(new ReEncryptionReport(NEW.primaryKeyId(), 8, 11, 0, 0, 0, List.of()));
    assertThat(report.complete()).isTrue();
    assertThat(storedCiphertexts()).hasSize(11).allMatch(NEW::isUnderPrimaryKey);
    EndpointRepository oldKeyRemoved = endpointsWith(NEW_KEY_ONLY);
    expected.forEach((id, secrets) -> assertThat(oldKeyRemoved.secrets(id)).contains(secrets));
  }

  @Test
  void aRunAfterAnInterruptionOrALateInstanceOnlyRewritesWhatIsNotUnderThePrimary() {
    for (int i = 0; i < 4; i++) {
      create(beforeDeploy, "user-" + i);
    }
    reEncryptor().reEncryptAll(3);
    // An instance still on the old keyset wrote two more in the meantime.
    String lateUser = "user-late";
    String late = create(beforeDeploy, lateUser).endpoint().id();
    beforeDeploy.rotateSecret(lateUser, late, Duration.ofDays(1));

    ReEncryptionReport again = reEncryptor().reEncryptAll(3);

    assertThat(again.endpoints()).isEqualTo(5);
    assertThat(again.reEncrypted()).isEqualTo(2);
    assertThat(again.alreadyCurrent()).isEqualTo(4);
    assertThat(reEncryptor().reEncryptAll(100).reEncrypted()).isZero();
    assertThat(storedCiphertexts()).allMatch(NEW::isUnderPrimaryKey);
  }

  @Test
  void aSecretNoKeyOpensIsReportedAndLeftAsItIs() {
    SecretCipher lost = SecretCipher.fromKeysetJson(SecretCipher.newKeysetJson());
    String unreadable = create(endpointsWith(lost), "user-lost").endpoint().id();
    create(beforeDeploy, "user-ok");
    byte[] before = storedCiphertext(unreadable);

    ReEncryptionReport report = reEncryptor().reEncryptAll(10);

    assertThat(report.undecryptable()).isOne();
    assertThat(report.undecryptableEndpointIds()).containsExactly(unreadable);
    assertThat(report.reEncrypted()).isOne();
    assertThat(report.complete()).isFalse();
    assertThat(storedCiphertext(unreadable)).isEqualTo(before);
  }

  private byte[] storedCiphertext(String endpointId) {
    return jdbc.sql("select secret_ciphertext from webhook_endpoints where id = :id")
        .param("id", endpointId)
        .query(byte[].class)
        .single();
  }

  @Test
  void rotationsAndReadsDuringTheReEncryptionLoseNoSecret() throws Exception {
    List<String> users = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, EndpointSecrets> latest = new ConcurrentHashMap<>();
    for (int i = 0; i < 40; i++) {
      CreatedEndpoint created = create(beforeDeploy, "user-" + i);
      users.add("user-" + i);
      ids.add(created.endpoint().id());
      latest.put(created.endpoint().id(), new EndpointSecrets(created.secret(), null, null));
    }
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    AtomicLong rotations = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      // Deployed instances rotate endpoint secrets while the re-encryption runs.
      Future<?> rotator =
          pool.submit(
              () -> {
                Random random = new Random(7);
                while (running.get()) {
                  int i = random.nextInt(ids.size());
                  String id = ids.get(i);
                  String previous = latest.get(id).current();
                  RotatedSecret rotated =
                      afterDeploy.rotateSecret(users.get(i), id, Duration.ofDays(1)).orElseThrow();
                  latest.put(
                      id,
                      new EndpointSecrets(
                          rotated.secret(), previous, rotated.previousSecretExpiresAt()));
                  rotations.incrementAndGet();
                }
                return null;
              });
      // ... and sign deliveries: every read must decrypt to a secret that was handed out.
      Future<?> signer =
          pool.submit(
              () -> {
                while (running.get()) {
                  for (String id : ids) {
                    EndpointSecrets secrets = afterDeploy.secrets(id).orElseThrow();
                    assertThat(secrets.current()).startsWith("whsec_");
                    reads.incrementAndGet();
                  }
                }
                return null;
              });

      List<ReEncryptionReport> runs = new ArrayList<>();
      while ((rotations.get() < 20 || runs.size() < 2) && !rotator.isDone() && runs.size() < 500) {
        runs.add(reEncryptor().reEncryptAll(3));
      }
      running.set(false);
      rotator.get();
      signer.get();

      assertThat(runs).allSatisfy(run -> assertThat(run.undecryptable()).isZero());
      assertThat(reads.get()).isPositive();
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
    ReEncryptionReport last = reEncryptor().reEncryptAll(3);
    assertThat(last.reEncrypted()).isZero();
    EndpointRepository oldKeyRemoved = endpointsWith(NEW_KEY_ONLY);
    latest.forEach((id, secrets) -> assertThat(oldKeyRemoved.secrets(id)).contains(secrets));
  }

  /** The keyset with its primary key alone: what the operator deploys last. */
  private static String onlyPrimaryKey(String keysetJson) {
    try {
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseKeyset(
              keysetJson, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary()) {
          builder.deleteAt(i);
        }
      }
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          builder.build(), AeadConfig2026.get(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
