package com.devcard.webhooks.api.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PortalPropertiesTest {

  private static PortalProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("webhooks.portal", PortalProperties.class);
  }

  @Test
  void defaultsAreLocalhostAndFramingByThisOriginOnly() {
    PortalProperties portal = bind(Map.of());

    assertThat(portal.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(portal.frameAncestors()).isEqualTo("'self'");
    assertThat(portal.linkFor("wpc_x")).isEqualTo("http://localhost:8080/portal#code=wpc_x");
  }

  @Test
  void thePolicyAllowsOnlyThisOriginAndTheConfiguredFrameAncestors() {
    PortalProperties portal =
        bind(
            Map.of(
                "webhooks.portal.public-url", "https://webhooks.devcard.dev/",
                "webhooks.portal.frame-ancestors", "'self' https://app.devcard.dev"));

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
      assertThatThrownBy(() -> bind(Map.of("webhooks.portal.frame-ancestors", sources)))
          .isInstanceOf(BindException.class)
          .hasRootCauseMessage(
              "WEBHOOKS_PORTAL_FRAME_ANCESTORS must be CSP sources separated by spaces,"
                  + " e.g. 'self' https://app.example.com");
    }
  }

  @Test
  void aPublicUrlThatIsNotAnAbsoluteWebUrlStopsTheStart() {
    for (String url : new String[] {"localhost:8080", "ftp://example.com", "https://x.dev/?a=1"}) {
      assertThatThrownBy(() -> bind(Map.of("webhooks.portal.public-url", url)))
          .isInstanceOf(BindException.class)
          .rootCause()
          .hasMessageStartingWith("WEBHOOKS_PUBLIC_URL");
    }
  }
}
