package com.devcard.webhooks.store.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Encrypts endpoint signing secrets at rest with a Tink AEAD keyset. The endpoint id is the
 * associated data, so a ciphertext copied onto another endpoint's row does not decrypt. Errors
 * never carry the secret or key material.
 *
 * <p>The keyset may hold several keys: the primary one encrypts, every enabled one decrypts. That
 * is what lets the master key rotate: add a new primary, deploy, re-encrypt what is stored (see
 * {@link #isUnderPrimaryKey}), then remove the old key.
 */
public class SecretCipher {

  // A fixed set of AEAD algorithms, independent of whatever else registered itself with Tink.
  private static final Configuration CONFIGURATION = AeadConfig2026.get();

  private final Aead aead;
  private final long primaryKeyId;
  // Tink starts every ciphertext with its key's output prefix (0x01 + the 4-byte key id); empty
  // for keys without one (RAW), whose ciphertexts cannot be told apart.
  private final byte[] primaryPrefix;

  private SecretCipher(KeysetHandle keyset) throws GeneralSecurityException {
    this.aead = keyset.getPrimitive(CONFIGURATION, Aead.class);
    KeysetHandle.Entry primary = keyset.getPrimary();
    // Tink keeps key ids as unsigned 32-bit numbers: show them as the keyset JSON does.
    this.primaryKeyId = Integer.toUnsignedLong(primary.getId());
    this.primaryPrefix =
        primary.getKey() instanceof AeadKey key ? key.getOutputPrefix().toByteArray() : new byte[0];
  }

  /**
   * Builds the cipher from a cleartext Tink JSON keyset (as produced by {@link #newKeysetJson}).
   */
  public static SecretCipher fromKeysetJson(String cleartextKeysetJson) {
    try {
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseKeyset(
              cleartextKeysetJson, CONFIGURATION, InsecureSecretKeyAccess.get());
      return new SecretCipher(keyset);
    } catch (GeneralSecurityException | RuntimeException e) {
      // The cause may quote parts of the keyset: leave it out.
      throw new IllegalStateException("the endpoint secret keyset could not be read");
    }
  }

  /**
   * The given keyset with a new AES256-GCM key added as its primary, every existing key kept (so
   * whatever they encrypted still decrypts), as cleartext Tink JSON.
   */
  public static String withNewPrimaryKey(String cleartextKeysetJson) {
    KeysetHandle current;
    try {
      current =
          TinkJsonProtoKeysetFormat.parseKeyset(
              cleartextKeysetJson, CONFIGURATION, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the endpoint secret keyset could not be read");
    }
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(current)
              .setConfiguration(CONFIGURATION)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          rotated, CONFIGURATION, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a new primary key could not be added to the keyset");
    }
  }

  /** The id of the key that encrypts; not secret, it tells operators which key is in use. */
  public long primaryKeyId() {
    return primaryKeyId;
  }

  /**
   * Whether the ciphertext was made with the primary key, read from Tink's output prefix. Always
   * false for a primary key without prefix, so such ciphertexts are simply re-encrypted again.
   */
  public boolean isUnderPrimaryKey(byte[] ciphertext) {
    return primaryPrefix.length > 0
        && ciphertext.length >= primaryPrefix.length
        && Arrays.equals(
            ciphertext, 0, primaryPrefix.length, primaryPrefix, 0, primaryPrefix.length);
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

  /**
   * @throws UndecryptableSecretException when no key of the keyset opens the ciphertext (or it was
   *     stored for another endpoint)
   */
  public String decrypt(byte[] ciphertext, String endpointId) {
    try {
      return new String(
          aead.decrypt(ciphertext, associatedData(endpointId)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new UndecryptableSecretException();
    }
  }

  private static byte[] associatedData(String endpointId) {
    return endpointId.getBytes(StandardCharsets.UTF_8);
  }
}
