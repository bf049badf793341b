package com.devcard.webhooks.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signs bearer tokens with the running app's HS256 secret. */
public final class TestTokens {

  /**
   * The audience every token names unless a test says otherwise: contexts that require one ({@code
   * WEBHOOKS_JWT_AUDIENCE}) require this one, the others accept any.
   */
  public static final String AUDIENCE = "devcard-webhooks";

  private final String secret;

  public TestTokens(String secret) {
    this.secret = secret;
  }

  public String user(String userId) {
    return sign(userId, null, Instant.now().plus(Duration.ofHours(1)));
  }

  public String withScope(String userId, String scope) {
    return sign(userId, scope, Instant.now().plus(Duration.ofHours(1)));
  }

  public String expired(String userId) {
    return sign(userId, null, Instant.now().minus(Duration.ofHours(1)));
  }

  public String signedWith(String otherSecret, String userId) {
    return new TestTokens(otherSecret).user(userId);
  }

  /** A user token whose {@code aud} is the one value given (a string) or several (an array). */
  public String withAudience(String userId, String... audience) {
    return sign(
        new JWTClaimsSet.Builder()
            .subject(userId)
            .audience(List.of(audience))
            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
  }

  /** A user token with no {@code aud} claim at all. */
  public String withoutAudience(String userId) {
    return sign(
        new JWTClaimsSet.Builder()
            .subject(userId)
            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
  }

  public String sign(String subject, String scope, Instant expiresAt) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).audience(AUDIENCE);
    if (expiresAt != null) {
      claims.expirationTime(Date.from(expiresAt));
    }
    if (scope != null) {
      claims.claim("scope", scope);
    }
    return sign(claims);
  }

  private String sign(JWTClaimsSet.Builder claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }
}
