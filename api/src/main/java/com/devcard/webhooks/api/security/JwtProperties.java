package com.devcard.webhooks.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation settings: {@code WEBHOOKS_JWT_SECRET} (HS256, at least 32 bytes), {@code
 * WEBHOOKS_JWK_SET_URI} (RS256/ES256), {@code WEBHOOKS_JWT_ISSUER} and {@code
 * WEBHOOKS_JWT_AUDIENCE}. Blank or missing means unset.
 */
@ConfigurationProperties(prefix = "webhooks.jwt")
public record JwtProperties(String secret, String jwkSetUri, String issuer, String audience) {

  static final int MIN_SECRET_BYTES = 32;

  boolean hasSecret() {
    return secret != null && !secret.isBlank();
  }

  boolean hasJwkSetUri() {
    return jwkSetUri != null && !jwkSetUri.isBlank();
  }

  boolean hasIssuer() {
    return issuer != null && !issuer.isBlank();
  }

  boolean hasAudience() {
    return audience != null && !audience.isBlank();
  }
}
