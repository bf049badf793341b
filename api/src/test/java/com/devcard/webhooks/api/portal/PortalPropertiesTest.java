package com.devcard.webhooks.api.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The page's settings: their defaults, the variables operators set, and values that stop the start.
 */
class PortalPropertiesTest {

  private static PortalProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("webhooks", PortalProperties.class);
  }

  @Test
  void defaultsAreLocalhostFramingByThisOriginOnlyAndAnHourlyPurge() {
    PortalProperties portal = bind(Map.of());

    assertThat(portal.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(portal.portalFrameAncestors()).isEqualTo("'self'");
    assertThat(portal.portalPurgeEvery()).isEqualTo(Duration.ofHours(1));
    assertThat(portal.linkFor("wpc_x")).isEqualTo("http://localhost:8080/portal#code=wpc_x");
  }

  @Test
  void theEnvironmentVariablesOperatorsSetBindByRelaxedBinding() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "WEBHOOKS_PUBLIC_URL", "https://webhooks.devcard.dev",
                    "WEBHOOKS_PORTAL_FRAME_ANCESTORS", "'self' https://app.devcard.dev",
                    "WEBHOOKS_PORTAL_PURGE_EVERY", "10m")));
    environment.getPropertySources().addLast(new MapPropertySource("none", Map.of()));

    PortalProperties portal =
        new Binder(ConfigurationPropertySources.get(environment))
            .bindOrCreate("webhooks", PortalProperties.class);

    assertThat(portal.publicUrl()).isEqualTo("https://webhooks.devcard.dev");
    assertThat(portal.portalFrameAncestors()).isEqualTo("'self' https://app.devcard.dev");
    assertThat(portal.portalPurgeEvery()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void thePolicyAllowsOnlyThisOriginAndTheConfiguredFrameAncestors() {
    PortalProperties portal =
        bind(
            Map.of(
                "webhooks.public-url", "https://webhooks.devcard.dev/",
                "webhooks.portal-frame-ancestors", "'self' https://app.devcard.dev"));

    assertThat(portal.linkFor("wpc_x")).isEqualTo("https://webhooks.devcard.dev/portal#code=wpc_x");
    assertThat(portal.contentSecurityPolicy())
        .isEqualTo(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; frame-ancestors 'self' https://app.devcard.dev;"
                + " base-uri 'none'; form-action 'self'");
  }

  @Test
  void frameAncestorsThatWouldAddADirectiveStopTheStart() {
    for (String sources : new String[] {"'self'; script-src *", "https://a.example, *", " "}) {
      assertThatThrownBy(() -> bind(Map.of("webhooks.portal-frame-ancestors", sources)))
          .isInstanceOf(BindException.class)
          .hasRootCauseMessage(
              "webhooks.portal-frame-ancestors must be CSP sources separated by spaces,"
                  + " e.g. 'self' https://app.example.com");
    }
  }

  @Test
  void aPublicUrlThatIsNotAnAbsoluteWebUrlStopsTheStart() {
    for (String url : new String[] {"localhost:8080", "ftp://example.com", "https://x.dev/?a=1"}) {
      assertThatThrownBy(() -> bind(Map.of("webhooks.public-url", url)))
          .isInstanceOf(BindException.class)
          .rootCause()
          .hasMessageStartingWith("webhooks.public-url");
    }
  }

  @Test
  void aPurgeThatNeverRunsStopsTheStart() {
    for (String every : new String[] {"0s", "-1m"}) {
      assertThatThrownBy(() -> bind(Map.of("webhooks.portal-purge-every", every)))
          .isInstanceOf(BindException.class)
          .hasRootCauseMessage("webhooks.portal-purge-every must be positive");
    }
  }
}
