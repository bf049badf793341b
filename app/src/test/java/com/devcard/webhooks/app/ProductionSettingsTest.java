package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Outside the dev profile the service refuses to start without its secrets, and says why. */
class ProductionSettingsTest {

  @Test
  void withoutAMasterKeyTheStartStopsNamingTheSettingAndHowToMakeOne() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure =
        startFailure(
            application,
            "--spring.profiles.active=prod",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
            "--spring.liquibase.enabled=false",
            "--WEBHOOKS_JWT_SECRET=0123456789abcdef0123456789abcdef");

    assertThat(rootMessages(failure))
        .contains("WEBHOOKS_MASTER_KEY is not set")
        .contains("--generate-master-key");
  }

  @Test
  void anInvalidMasterKeyIsRefusedWithoutEchoingIt() {
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    Throwable failure =
        startFailure(
            application,
            "--spring.profiles.active=prod",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
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
