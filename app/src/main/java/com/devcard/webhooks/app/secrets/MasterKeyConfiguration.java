package com.devcard.webhooks.app.secrets;

import com.devcard.webhooks.store.secret.SecretCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Endpoint secrets are encrypted under the Tink keyset in {@code WEBHOOKS_MASTER_KEY}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
class MasterKeyConfiguration {

  @Bean
  SecretCipher secretCipher(MasterKeyProperties properties) {
    String keyset = properties.masterKey();
    if (keyset == null || keyset.isBlank()) {
      throw new IllegalStateException(
          "WEBHOOKS_MASTER_KEY is not set. It holds the Tink keyset that encrypts endpoint"
              + " secrets. Make one with: java -jar app.jar --generate-master-key"
              + " (or run the dev profile, which keeps one in its data folder).");
    }
    try {
      return SecretCipher.fromKeysetJson(keyset);
    } catch (RuntimeException invalid) {
      // The keyset itself is secret: the message names the setting, never the value.
      throw new IllegalStateException(
          "WEBHOOKS_MASTER_KEY is not a valid Tink JSON keyset. Make one with:"
              + " java -jar app.jar --generate-master-key");
    }
  }
}
