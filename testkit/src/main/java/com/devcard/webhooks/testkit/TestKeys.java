package com.devcard.webhooks.testkit;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys made at run time for a stack, so that no key is ever committed: a master keyset of the kind
 * {@code WEBHOOKS_MASTER_KEY} takes, and an HS256 token secret.
 */
public final class TestKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /** A fresh AES256-GCM Tink keyset as cleartext JSON. */
  public static String newMasterKeyJson() {
    try {
      KeysetHandle keyset =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          keyset, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException exception) {
      throw new IllegalStateException("a test keyset could not be generated", exception);
    }
  }

  /** 48 random bytes, URL-safe base64: well over the 32 bytes an HS256 secret needs. */
  public static String newJwtSecret() {
    byte[] bytes = new byte[48];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
