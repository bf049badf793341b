package com.devcard.webhooks.store.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    assertThatThrownBy(() -> other.decrypt(ciphertext, "ep_1"))
        .isInstanceOf(IllegalStateException.class);
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
}
