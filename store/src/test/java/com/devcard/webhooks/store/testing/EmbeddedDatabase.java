package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.testkit.TestDatabases;
import javax.sql.DataSource;

/**
 * The store's tests' view of the test kit's PostgreSQL: migrated databases of their own, and one
 * cipher per JVM from a keyset made at run time.
 */
public final class EmbeddedDatabase {

  private static DataSource shared;
  private static String keysetJson;
  private static SecretCipher cipher;

  private EmbeddedDatabase() {}

  /** One migrated database shared by every caller in this JVM. */
  public static synchronized DataSource dataSource() {
    if (shared == null) {
      shared = freshDataSource();
    }
    return shared;
  }

  /** A new database with the changelog applied, behind a small pool. */
  public static DataSource freshDataSource() {
    return TestDatabases.newMigratedDataSource();
  }

  /** One cipher per JVM, from a keyset generated at run time, so every test can decrypt. */
  public static synchronized SecretCipher testCipher() {
    if (cipher == null) {
      cipher = SecretCipher.fromKeysetJson(testKeysetJson());
    }
    return cipher;
  }

  /** The keyset behind {@link #testCipher()}, for tests that configure an application with it. */
  public static synchronized String testKeysetJson() {
    if (keysetJson == null) {
      keysetJson = SecretCipher.newKeysetJson();
    }
    return keysetJson;
  }
}
