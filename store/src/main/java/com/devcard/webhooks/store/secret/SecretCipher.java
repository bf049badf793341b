package com.devcard.webhooks.store.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts endpoint signing secrets at rest with a Tink AEAD keyset. The endpoint id is the
 * associated data, so a ciphertext copied onto another endpoint's row does not decrypt. Errors
 * never carry the secret or key material.
 */
public class SecretCipher {

  // A fixed set of AEAD algorithms, independent of whatever else registered itself with Tink.
  private static final Configuration CONFIGURATION = AeadConfig2026.get();

  private final Aead aead;

  private SecretCipher(Aead aead) {
    this.aead = aead;
  }

  /**
   * Builds the cipher from a cleartext Tink JSON keyset (as produced by {@link #newKeysetJson}).
   */
  public static SecretCipher fromKeysetJson(String cleartextKeysetJson) {
    try {
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseKeyset(
              cleartextKeysetJson, CONFIGURATION, InsecureSecretKeyAccess.get());
      return new SecretCipher(keyset.getPrimitive(CONFIGURATION, Aead.class));
    } catch (GeneralSecurityException | RuntimeException e) {
      // The cause may quote parts of the keyset: leave it out.
      throw new IllegalStateException("the endpoint secret keyset could not be read");
    }
  }

  /** A fresh AES256-GCM keyset as cleartext Tink JSON. */
  public static String newKeysetJson() {
    try {
      KeysetHandle keyset =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, CONFIGURATION);
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          keyset, CONFIGURATION, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an endpoint secret keyset could not be generated", e);
    }
  }

  public byte[] encrypt(String secret, String endpointId) {
    try {
      return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(endpointId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("endpoint secret could not be encrypted");
    }
  }

  public String decrypt(byte[] ciphertext, String endpointId) {
    try {
      return new String(
          aead.decrypt(ciphertext, associatedData(endpointId)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("endpoint secret could not be decrypted");
    }
  }

  private static byte[] associatedData(String endpointId) {
    return endpointId.getBytes(StandardCharsets.UTF_8);
  }
}
