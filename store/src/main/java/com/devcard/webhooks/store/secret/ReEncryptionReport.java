package com.devcard.webhooks.store.secret;

import java.util.List;

/**
 * What one re-encryption run did. {@code endpoints} rows were read; of their ciphertexts (current
 * and previous secrets), {@code reEncrypted} were rewritten under the primary key and {@code
 * alreadyCurrent} already were under it. {@code concurrentChanges} counts rows changed by a
 * rotation while being re-encrypted, then read again. {@code undecryptable} ciphertexts were left
 * as they are: no key of the keyset opens them; {@code undecryptableEndpointIds} names their
 * endpoints (the first hundred).
 */
public record ReEncryptionReport(
    long primaryKeyId,
    long endpoints,
    long reEncrypted,
    long alreadyCurrent,
    long concurrentChanges,
    long undecryptable,
    List<String> undecryptableEndpointIds) {

  public ReEncryptionReport {
    undecryptableEndpointIds = List.copyOf(undecryptableEndpointIds);
  }

  /** True when every stored ciphertext is now under the primary key. */
  public boolean complete() {
    return undecryptable == 0;
  }
}
