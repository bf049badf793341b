package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.store.secret.ReEncryptionReport;
import java.util.List;

/**
 * The answer of a re-encryption run: counts only, never a secret. {@code complete} is true when
 * every stored ciphertext is now under the primary key, so older keys can be removed from the
 * keyset.
 */
record ReEncryptionView(
    long primaryKeyId,
    long endpoints,
    long reEncrypted,
    long alreadyCurrent,
    long concurrentChanges,
    long undecryptable,
    List<String> undecryptableEndpointIds,
    boolean complete) {

  static ReEncryptionView of(ReEncryptionReport report) {
    return new ReEncryptionView(
        report.primaryKeyId(),
        report.endpoints(),
        report.reEncrypted(),
        report.alreadyCurrent(),
        report.concurrentChanges(),
        report.undecryptable(),
        report.undecryptableEndpointIds(),
        report.complete());
  }
}
