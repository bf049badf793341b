package com.devcard.webhooks.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation settings: {@code WEBHOOKS_JWT_SECRET} (HS256, at least 32 bytes), {@code
 * WEBHOOKS_JWK_SET_URI} (RS256/ES256) and {@code WEBHOOKS_JWT_ISSUER}. Blank means unset.
 */
@ConfigurationProperties(prefix = "webhooks.jwt")
public record JwtProperties(String secret, String jwkSetUri, String issuer) {

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
}
