package com.devcard.webhooks.api.portal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users' web page at {@code /portal}. A bad value stops the start.
 *
 * @param publicUrl where browsers reach this service; magic links point to {@code
 *     <publicUrl>/portal} (an absolute http(s) URL without query or fragment; a trailing {@code /}
 *     is dropped)
 * @param portalFrameAncestors the CSP {@code frame-ancestors} sources allowed to show the page in a
 *     frame, separated by spaces, e.g. {@code 'self' https://app.devcard.dev}
 * @param portalPurgeEvery how often the sessions that ended over a day ago are deleted
 */
@ConfigurationProperties(prefix = "webhooks")
public record PortalProperties(
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue("'self'") String portalFrameAncestors,
    @DefaultValue("1h") Duration portalPurgeEvery) {

  public PortalProperties {
    publicUrl = checkedPublicUrl(publicUrl);
    portalFrameAncestors = checkedFrameAncestors(portalFrameAncestors);
    if (portalPurgeEvery == null || portalPurgeEvery.isNegative() || portalPurgeEvery.isZero()) {
      throw new IllegalArgumentException("webhooks.portal-purge-every must be positive");
    }
  }

  /** The magic link that exchanges {@code code}: in the fragment, so it never reaches a log. */
  String linkFor(String code) {
    return publicUrl + "/portal#code=" + code;
  }

  /** The page runs only its own scripts and styles, talks only to this origin. */
  String contentSecurityPolicy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " connect-src 'self'; frame-ancestors "
        + portalFrameAncestors
        + "; base-uri 'none'; form-action 'self'";
  }

  private static String checkedPublicUrl(String value) {
    String url = value == null ? "" : value.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "webhooks.public-url must be an absolute http(s) URL without query or fragment");
      }
    } catch (URISyntaxException exception) {
      throw new IllegalArgumentException("webhooks.public-url is not a valid URL", exception);
    }
    return url;
  }

  /** One CSP directive's sources: nothing that could end it and start another one. */
  private static String checkedFrameAncestors(String value) {
    String sources = value == null ? "" : value.strip();
    if (sources.isEmpty() || !sources.matches("[\\x21-\\x7e ]+") || sources.matches(".*[;,].*")) {
      throw new IllegalArgumentException(
          "webhooks.portal-frame-ancestors must be CSP sources separated by spaces,"
              + " e.g. 'self' https://app.example.com");
    }
    return sources;
  }
}
