package com.devcard.webhooks.app;

import com.devcard.webhooks.store.secret.SecretCipher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * DevCard Webhooks: the API and the delivery worker in one binary, switched by {@code
 * WEBHOOKS_ROLES}. The store is always loaded; each role scans its own module.
 */
@SpringBootApplication(
    scanBasePackages = {"com.devcard.webhooks.app", "com.devcard.webhooks.store"})
@ConfigurationPropertiesScan("com.devcard.webhooks.app")
public class WebhooksApplication {

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--generate-master-key")) {
      // Prints a new Tink keyset for WEBHOOKS_MASTER_KEY, then exits without starting anything.
      System.out.println(SecretCipher.newKeysetJson());
      return;
    }
    SpringApplication.run(WebhooksApplication.class, args);
  }
}
