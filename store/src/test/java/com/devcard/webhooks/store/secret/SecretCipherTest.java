package com.devcard.webhooks.store.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final String KEYSET = SecretCipher.newKeysetJson();
  private final SecretCipher cipher = SecretCipher.fromKeysetJson(KEYSET);
  private final String secret = SecretGenerator.newSecret();

  @Test
  void decryptsWhatItEncryptedForTheSameEndpoint() {
    byte[] ciphertext = cipher.encrypt(secret, "ep_1");

    assertThat(cipher.decrypt(ciphertext, "ep_1")).isEqualTo(secret);
  }

  @Test
  void ciphertextDoesNotContainTheSecret() {
    String ciphertext = new String(cipher.encrypt(secret, "ep_1"), StandardCharsets.ISO_8859_1);

    assertThat(ciphertext).doesNotContain(secret).doesNotContain(secret.substring(6));
  }

  @Test
  void encryptingTheSameSecretTwiceGivesDifferentCiphertexts() {
    assertThat(cipher.encrypt(secret, "ep_1")).isNotEqualTo(cipher.encrypt(secret, "ep_1"));
  }

  @Test
  void ciphertextOfOneEndpointDoesNotDecryptForAnother() {
    byte[] ciphertext = cipher.encrypt(secret, "ep_1");

    assertThatThrownBy(() -> cipher.decrypt(ciphertext, "ep_2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("endpoint secret could not be decrypted")
        .hasNoCause();
  }

  @Test
  void anotherCipherFromTheSameKeysetDecrypts() {
    byte[] ciphertext = cipher.encrypt(secret, "ep_1");

    assertThat(SecretCipher.fromKeysetJson(KEYSET).decrypt(ciphertext, "ep_1")).isEqualTo(secret);
  }

  @Test
  void aCipherFromAnotherKeysetCannotDecrypt() {
    byte[] ciphertext = cipher.encrypt(secret, "ep_1");
    SecretCipher other = SecretCipher.fromKeysetJson(SecretCipher.newKeysetJson());

    // its own type, so that a delivery attempt can tell it from an infrastructure failure
    assertThatThrownBy(() -> other.decrypt(ciphertext, "ep_1"))
        .isInstanceOf(UndecryptableSecretException.class)
        .hasMessage("endpoint secret could not be decrypted")
        .hasNoCause();
  }

  @Test
  void anUnreadableKeysetFailsWithoutEchoingIt() {
    String broken = KEYSET.substring(0, KEYSET.length() / 2);

    assertThatThrownBy(() -> SecretCipher.fromKeysetJson(broken))
        .isInstanceOf(IllegalStateException.class)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken));
  }

  @Test
  void newKeysetsAreAes256Gcm() {
    assertThat(KEYSET).contains("type.googleapis.com/google.crypto.tink.AesGcmKey");
    assertThat(SecretCipher.newKeysetJson()).isNotEqualTo(KEYSET);
  }

  @Test
  void aNewPrimaryKeyEncryptsWhileTheOldKeyStillDecrypts() {
    byte[] underOldKey = cipher.encrypt(secret, "ep_1");
    SecretCipher rotated = SecretCipher.fromKeysetJson(SecretCipher.withNewPrimaryKey(KEYSET));

    byte[] underNewKey = rotated.encrypt(secret, "ep_1");

    assertThat(rotated.decrypt(underOldKey, "ep_1")).isEqualTo(secret);
    assertThat(rotated.decrypt(underNewKey, "ep_1")).isEqualTo(secret);
    assertThat(rotated.primaryKeyId()).isNotEqualTo(cipher.primaryKeyId());
    // Instances still on the old keyset cannot read what the new primary wrote.
    assertThatThrownBy(() -> cipher.decrypt(underNewKey, "ep_1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theOutputPrefixTellsWhetherACiphertextIsUnderThePrimaryKey() {
    SecretCipher rotated = SecretCipher.fromKeysetJson(SecretCipher.withNewPrimaryKey(KEYSET));

    assertThat(cipher.isUnderPrimaryKey(cipher.encrypt(secret, "ep_1"))).isTrue();
    assertThat(rotated.isUnderPrimaryKey(cipher.encrypt(secret, "ep_1"))).isFalse();
    assertThat(rotated.isUnderPrimaryKey(rotated.encrypt(secret, "ep_1"))).isTrue();
    assertThat(rotated.isUnderPrimaryKey(new byte[] {1, 2})).isFalse();
  }

  @Test
  void addingAPrimaryKeyKeepsEveryOldKey() {
    String twice = SecretCipher.withNewPrimaryKey(SecretCipher.withNewPrimaryKey(KEYSET));
    byte[] underFirstKey = cipher.encrypt(secret, "ep_1");

    assertThat(twice).contains("\"keyId\":" + cipher.primaryKeyId() + ",");
    assertThat(SecretCipher.fromKeysetJson(twice).decrypt(underFirstKey, "ep_1")).isEqualTo(secret);
  }

  @Test
  void anUnreadableKeysetCannotGainAKeyAndIsNotEchoed() {
    String broken = KEYSET.substring(0, KEYSET.length() / 2);

    assertThatThrownBy(() -> SecretCipher.withNewPrimaryKey(broken))
        .isInstanceOf(IllegalStateException.class)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken));
  }

  @Test
  void thePrimaryKeyIdIsTheUnsignedNumberTheKeysetShows() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.newBuilder()
            .setConfiguration(AeadConfig2026.get())
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withFixedId(0xFFFFFFFE)
                    .makePrimary())
            .build();
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            keyset, AeadConfig2026.get(), InsecureSecretKeyAccess.get());

    assertThat(json).contains("\"primaryKeyId\":4294967294");
    assertThat(SecretCipher.fromKeysetJson(json).primaryKeyId()).isEqualTo(4294967294L);
  }
}
