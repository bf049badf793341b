package com.devcard.webhooks.app.secrets;

import com.devcard.webhooks.store.secret.SecretCipher;
import java.io.PrintStream;

/**
 * {@code java -jar app.jar --rotate-master-key}: prints the keyset of {@code WEBHOOKS_MASTER_KEY}
 * with a new primary key added and every old key kept. Only the keyset goes to standard output, so
 * it can be redirected straight into a secret store; guidance goes to standard error.
 */
public final class RotateMasterKeyCommand {

  private RotateMasterKeyCommand() {}

  /**
   * @return the process exit code
   */
  public static int run(String currentKeyset, PrintStream out, PrintStream err) {
    if (currentKeyset == null || currentKeyset.isBlank()) {
      err.println(
          "WEBHOOKS_MASTER_KEY is not set: it must hold the keyset in use. In the dev profile it"
              + " is kept in .devdata/master-key.json:"
              + " WEBHOOKS_MASTER_KEY=\"$(cat .devdata/master-key.json)\""
              + " java -jar app.jar --rotate-master-key");
      return 1;
    }
    String rotated;
    try {
      rotated = SecretCipher.withNewPrimaryKey(currentKeyset);
    } catch (IllegalStateException unreadable) {
      err.println(
          "WEBHOOKS_MASTER_KEY is not a valid Tink JSON keyset: " + unreadable.getMessage());
      return 1;
    }
    out.println(rotated);
    err.println(
        "The keyset above has the new primary key "
            + SecretCipher.fromKeysetJson(rotated).primaryKeyId()
            + " and keeps the old keys. Deploy it as WEBHOOKS_MASTER_KEY on every instance, then"
            + " run --re-encrypt-secrets (or POST /api/admin/master-key/re-encrypt).");
    return 0;
  }
}
