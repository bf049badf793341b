package com.devcard.webhooks.app.secrets;

import com.devcard.webhooks.api.secret.SecretProperties;
import com.devcard.webhooks.store.secret.ReEncryptionReport;
import com.devcard.webhooks.store.secret.SecretReEncryptor;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar app.jar --re-encrypt-secrets [--name=value ...]}: re-encrypts every stored
 * endpoint secret under the primary key of {@code WEBHOOKS_MASTER_KEY}, prints the counts and
 * exits. It reads the usual settings (environment, application.yaml, the dev profile's data folder)
 * but starts only a connection pool: no web server, no Temporal, no migrations. Safe beside running
 * instances, and resumable.
 */
public final class ReEncryptSecretsCommand {

  /** Exit code when some ciphertexts could not be decrypted with any key of the keyset. */
  public static final int INCOMPLETE = 2;

  private ReEncryptSecretsCommand() {}

  // Not a @Configuration: the application's component scan must not pick it up.
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class
  })
  @Import({MasterKeyConfiguration.class, SecretReEncryptor.class})
  @EnableConfigurationProperties(SecretProperties.class)
  static class CommandContext {}

  /**
   * @param args Spring Boot arguments ({@code --name=value}) for this run
   * @return the process exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    SpringApplication application = new SpringApplication(CommandContext.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setRegisterShutdownHook(false);
    application.setDefaultProperties(
        Map.of(
            // This command never calls Temporal; an address keeps the dev runtime from starting
            // one.
            "temporal.address", "unused-by-this-command:7233",
            "logging.level.root", "warn"));
    try (ConfigurableApplicationContext context = application.run(args)) {
      int batchSize = context.getBean(SecretProperties.class).reEncryptBatchSize();
      ReEncryptionReport report = context.getBean(SecretReEncryptor.class).reEncryptAll(batchSize);
      print(report, out);
      return report.complete() ? 0 : INCOMPLETE;
    } catch (RuntimeException failed) {
      err.println("re-encryption stopped: " + failed.getMessage());
      err.println("It is safe to run it again: secrets already re-encrypted are skipped.");
      return 1;
    }
  }

  static void print(ReEncryptionReport report, PrintStream out) {
    out.println("Endpoint secrets re-encrypted under primary key " + report.primaryKeyId() + ":");
    out.println("  endpoints read:       " + report.endpoints());
    out.println("  re-encrypted:         " + report.reEncrypted());
    out.println("  already current:      " + report.alreadyCurrent());
    out.println("  concurrent changes:   " + report.concurrentChanges());
    out.println("  undecryptable:        " + report.undecryptable());
    if (report.complete()) {
      out.println(
          "Every stored secret is under the primary key: older keys can now be removed from"
              + " WEBHOOKS_MASTER_KEY.");
    } else {
      out.println(
          "No key of WEBHOOKS_MASTER_KEY decrypts the secrets of these endpoints: "
              + String.join(", ", report.undecryptableEndpointIds())
              + ". Keep the older keys until they are dealt with.");
    }
  }
}
