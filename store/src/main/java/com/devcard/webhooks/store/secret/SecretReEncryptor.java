package com.devcard.webhooks.store.secret;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every stored endpoint secret (current and previous, deleted endpoints included) under
 * the cipher's primary key, after the master keyset gained a new primary.
 *
 * <p>It runs beside live traffic: rows are read in batches in id order (keyset paging), each batch
 * is one short transaction, and every row is written with a compare-and-set on the ciphertexts it
 * read, so a rotation that lands in between is never overwritten (the row is read again instead).
 * Ciphertexts already under the primary key are skipped, which makes an interrupted run resumable:
 * run it again.
 */
@Repository
public class SecretReEncryptor {

  static final int MAX_LISTED_IDS = 100;
  private static final int MAX_TRIES_PER_ROW = 10;
  private static final int MAX_TRIES_PER_BATCH = 3;

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final TransactionTemplate transactions;

  @Autowired
  public SecretReEncryptor(
      JdbcClient jdbc, SecretCipher cipher, PlatformTransactionManager transactionManager) {
    this(jdbc, cipher, new TransactionTemplate(transactionManager));
  }

  public SecretReEncryptor(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transactions = transactions;
  }

  /** Goes through every endpoint row once, {@code batchSize} rows per transaction. */
  public ReEncryptionReport reEncryptAll(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    Tally total = new Tally();
    String after = "";
    while (true) {
      Tally batch = runBatch(after, batchSize);
      if (batch.endpoints == 0) {
        break;
      }
      total.add(batch);
      after = batch.lastId;
    }
    return new ReEncryptionReport(
        cipher.primaryKeyId(),
        total.endpoints,
        total.reEncrypted,
        total.alreadyCurrent,
        total.concurrentChanges,
        total.undecryptable,
        total.undecryptableIds);
  }

  // A batch that lost a lock conflict (a deadlock with a dispatch, say) is simply run again: what
  // it already rewrote is rolled back, and rows under the primary key are skipped anyway.
  private Tally runBatch(String after, int batchSize) {
    for (int tries = 1; ; tries++) {
      try {
        return transactions.execute(status -> reEncryptBatch(after, batchSize));
      } catch (PessimisticLockingFailureException conflict) {
        if (tries == MAX_TRIES_PER_BATCH) {
          throw conflict;
        }
      }
    }
  }

  private Tally reEncryptBatch(String after, int batchSize) {
    List<StoredSecrets> rows =
        jdbc.sql(
                "select id, secret_ciphertext, previous_secret_ciphertext from webhook_endpoints"
                    + " where id > :after order by id limit :limit")
            .param("after", after)
            .param("limit", batchSize)
            .query(
                (rs, rowNum) ->
                    new StoredSecrets(
                        rs.getString("id"),
                        rs.getBytes("secret_ciphertext"),
                        rs.getBytes("previous_secret_ciphertext")))
            .list();
    Tally tally = new Tally();
    for (StoredSecrets row : rows) {
      reEncryptRow(row, tally);
      tally.endpoints++;
      tally.lastId = row.id();
    }
    return tally;
  }

  private void reEncryptRow(StoredSecrets read, Tally tally) {
    StoredSecrets row = read;
    for (int tries = 1; tries <= MAX_TRIES_PER_ROW; tries++) {
      Plan plan = plan(row);
      if (plan.reEncrypted == 0 || compareAndSet(row, plan)) {
        tally.add(row.id(), plan);
        return;
      }
      tally.concurrentChanges++;
      Optional<StoredSecrets> again = reread(row.id());
      if (again.isEmpty()) {
        return;
      }
      row = again.get();
    }
    throw new IllegalStateException(
        "endpoint " + read.id() + " kept changing while its secrets were re-encrypted");
  }

  private Plan plan(StoredSecrets row) {
    Plan plan = new Plan();
    plan.current = reEncrypt(row.id(), row.current(), plan);
    plan.previous = row.previous() == null ? null : reEncrypt(row.id(), row.previous(), plan);
    return plan;
  }

  private byte[] reEncrypt(String endpointId, byte[] ciphertext, Plan plan) {
    if (cipher.isUnderPrimaryKey(ciphertext)) {
      plan.alreadyCurrent++;
      return ciphertext;
    }
    String secret;
    try {
      secret = cipher.decrypt(ciphertext, endpointId);
    } catch (IllegalStateException unreadable) {
      plan.undecryptable++;
      return ciphertext;
    }
    plan.reEncrypted++;
    return cipher.encrypt(secret, endpointId);
  }

  private boolean compareAndSet(StoredSecrets row, Plan plan) {
    return jdbc.sql(
                "update webhook_endpoints"
                    + " set secret_ciphertext = :current, previous_secret_ciphertext = :previous"
                    + " where id = :id and secret_ciphertext = :readCurrent"
                    + " and previous_secret_ciphertext is not distinct from :readPrevious")
            .param("current", plan.current)
            .param("previous", plan.previous, Types.BINARY)
            .param("id", row.id())
            .param("readCurrent", row.current())
            .param("readPrevious", row.previous(), Types.BINARY)
            .update()
        == 1;
  }

  private Optional<StoredSecrets> reread(String endpointId) {
    return jdbc.sql(
            "select id, secret_ciphertext, previous_secret_ciphertext from webhook_endpoints"
                + " where id = :id")
        .param("id", endpointId)
        .query(
            (rs, rowNum) ->
                new StoredSecrets(
                    rs.getString("id"),
                    rs.getBytes("secret_ciphertext"),
                    rs.getBytes("previous_secret_ciphertext")))
        .optional();
  }

  /** One endpoint row's ciphertexts as read; {@code previous} may be null. */
  private record StoredSecrets(String id, byte[] current, byte[] previous) {}

  /** What re-encrypting one row would write, and how its ciphertexts were counted. */
  private static final class Plan {
    byte[] current;
    byte[] previous;
    int reEncrypted;
    int alreadyCurrent;
    int undecryptable;
  }

  private static final class Tally {
    long endpoints;
    long reEncrypted;
    long alreadyCurrent;
    long concurrentChanges;
    long undecryptable;
    final List<String> undecryptableIds = new ArrayList<>();
    String lastId;

    void add(String endpointId, Plan plan) {
      reEncrypted += plan.reEncrypted;
      alreadyCurrent += plan.alreadyCurrent;
      undecryptable += plan.undecryptable;
      if (plan.undecryptable > 0) {
        listUndecryptable(endpointId);
      }
    }

    void add(Tally batch) {
      endpoints += batch.endpoints;
      reEncrypted += batch.reEncrypted;
      alreadyCurrent += batch.alreadyCurrent;
      concurrentChanges += batch.concurrentChanges;
      undecryptable += batch.undecryptable;
      batch.undecryptableIds.forEach(this::listUndecryptable);
    }

    private void listUndecryptable(String endpointId) {
      if (undecryptableIds.size() < MAX_LISTED_IDS) {
        undecryptableIds.add(endpointId);
      }
    }
  }
}
