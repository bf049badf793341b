package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.settings.MissingSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * No profile is on by default, and no setting the service cannot run without is guessed: it refuses
 * to start half-configured, naming every missing setting at once.
 */
class ProductionSettingsTest {

  @Test
  void withNoConfigurationAtAllTheStartStopsNamingEveryMissingSetting() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure = startFailure(application);

    assertThat(failure).isInstanceOf(MissingSettingsException.class);
    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly(
            "SPRING_DATASOURCE_URL",
            "TEMPORAL_ADDRESS",
            "WEBHOOKS_MASTER_KEY",
            "WEBHOOKS_JWT_SECRET (or WEBHOOKS_JWK_SET_URI)");
  }

  @Test
  void withoutAMasterKeyTheStartStopsNamingOnlyThatSetting() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure =
        startFailure(
            application,
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
            "--TEMPORAL_ADDRESS=127.0.0.1:1",
            "--WEBHOOKS_JWT_SECRET=0123456789abcdef0123456789abcdef");

    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly("WEBHOOKS_MASTER_KEY");
  }

  @Test
  void aWorkerNeedsNoTokenSettings() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure = startFailure(application, "--WEBHOOKS_ROLES=worker");

    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly("SPRING_DATASOURCE_URL", "TEMPORAL_ADDRESS", "WEBHOOKS_MASTER_KEY");
  }

  @Test
  void anInvalidMasterKeyIsRefusedWithoutEchoingIt() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure =
        startFailure(
            application,
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
            "--TEMPORAL_ADDRESS=127.0.0.1:1",
            "--spring.liquibase.enabled=false",
            "--WEBHOOKS_JWT_SECRET=0123456789abcdef0123456789abcdef",
            "--WEBHOOKS_MASTER_KEY=not-a-keyset-but-secret-text");

    assertThat(rootMessages(failure))
        .contains("WEBHOOKS_MASTER_KEY is not a valid Tink JSON keyset")
        .doesNotContain("not-a-keyset-but-secret-text");
  }

  private static Throwable startFailure(SpringApplication application, String... args) {
    try {
      application.run(args).close();
    } catch (RuntimeException expected) {
      return expected;
    }
    throw new AssertionError("the application started");
  }

  private static String rootMessages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
