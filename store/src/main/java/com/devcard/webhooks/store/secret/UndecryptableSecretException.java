package com.devcard.webhooks.store.secret;

/**
 * A stored secret that no key of the keyset opens: written under a key since removed from it, or
 * under a newer key this instance does not hold yet. Carries neither key material nor ciphertext.
 */
public final class UndecryptableSecretException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  UndecryptableSecretException() {
    super("endpoint secret could not be decrypted");
  }
}
