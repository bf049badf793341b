package com.devcard.webhooks.store.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

  @Test
  void secretIsWhsecPrefixedBase64OfThirtyTwoBytes() {
    String secret = SecretGenerator.newSecret();

    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
  }

  @Test
  void everySecretIsNew() {
    assertThat(SecretGenerator.newSecret()).isNotEqualTo(SecretGenerator.newSecret());
  }
}
