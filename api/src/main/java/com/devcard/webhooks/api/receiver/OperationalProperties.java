package com.devcard.webhooks.api.receiver;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code WEBHOOKS_OPERATIONAL_URL} and {@code WEBHOOKS_OPERATIONAL_SECRET}: where the service sends
 * its own {@code endpoint.disabled} and {@code endpoint.enabled} events, and the secret it signs
 * them with ({@code whsec_} and the base64 of at least 24 random bytes, as an endpoint secret).
 * Unset, no such event is sent. A bad value stops the start.
 */
@ConfigurationProperties(prefix = "webhooks.operational")
public record OperationalProperties(String url, String secret) {

  private static final String PREFIX = "whsec_";

  public OperationalProperties {
    url = url == null || url.isBlank() ? null : url.trim();
    if (url != null) {
      URI parsed;
      try {
        parsed = URI.create(url);
      } catch (IllegalArgumentException notAUri) {
        throw new IllegalArgumentException("webhooks.operational.url is not a URL");
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || parsed.getHost() == null) {
        throw new IllegalArgumentException(
            "webhooks.operational.url must be an absolute http or https URL");
      }
      if (!validSecret(secret)) {
        throw new IllegalArgumentException(
            "webhooks.operational.secret must be set with the URL: whsec_ followed by the base64"
                + " of at least 24 bytes");
      }
    }
  }

  public Optional<String> configuredUrl() {
    return Optional.ofNullable(url);
  }

  private static boolean validSecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(secret.substring(PREFIX.length())).length >= 24;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  // Never in logs or errors.
  @Override
  public String toString() {
    return "OperationalProperties[url="
        + url
        + ", secret="
        + (secret == null ? null : "<hidden>")
        + "]";
  }
}
