package com.devcard.webhooks.app;

import com.devcard.webhooks.app.secrets.ReEncryptSecretsCommand;
import com.devcard.webhooks.app.secrets.RotateMasterKeyCommand;
import com.devcard.webhooks.store.secret.SecretCipher;
import java.util.Arrays;
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
    if (args.length == 1 && args[0].equals("--rotate-master-key")) {
      System.exit(
          RotateMasterKeyCommand.run(System.getenv("WEBHOOKS_MASTER_KEY"), System.out, System.err));
    }
    if (args.length >= 1 && args[0].equals("--re-encrypt-secrets")) {
      System.exit(
          ReEncryptSecretsCommand.run(
              Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    SpringApplication.run(WebhooksApplication.class, args);
  }
}
