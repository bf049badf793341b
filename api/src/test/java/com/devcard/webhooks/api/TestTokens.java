package com.devcard.webhooks.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Bearer tokens signed HS256 with the secret the API under test checks them against. */
public final class TestTokens {

  public static final String PUBLISH = "events:publish";
  public static final String ADMIN = "webhooks:admin";

  private final String secret;

  public TestTokens(String secret) {
    this.secret = secret;
  }

  /** An {@code Authorization} header value for a plain user token. */
  public String bearer(String userId) {
    return "Bearer " + user(userId);
  }

  /** An {@code Authorization} header value for a token with these space-separated scopes. */
  public String bearer(String userId, String scope) {
    return "Bearer " + sign(userId, scope, inAnHour());
  }

  public String user(String userId) {
    return sign(userId, null, inAnHour());
  }

  public String expired(String userId) {
    return sign(userId, null, Instant.now().minus(Duration.ofHours(1)));
  }

  /** {@code expiresAt} null leaves {@code exp} out; {@code subject} null leaves {@code sub} out. */
  public String sign(String subject, String scope, Instant expiresAt) {
    return sign(secret, subject, scope, expiresAt);
  }

  /** A well-formed token signed with another secret than the API's. */
  public static String signedWith(String otherSecret, String subject) {
    return sign(otherSecret, subject, null, inAnHour());
  }

  /** An unsigned token ({@code alg: none}) with valid claims. */
  public static String unsigned(String subject) {
    return new PlainJWT(claims(subject, null, inAnHour())).serialize();
  }

  private static String sign(String key, String subject, String scope, Instant expiresAt) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, scope, expiresAt));
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }

  private static JWTClaimsSet claims(String subject, String scope, Instant expiresAt) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
    if (expiresAt != null) {
      claims.expirationTime(Date.from(expiresAt));
    }
    if (scope != null) {
      claims.claim("scope", scope);
    }
    return claims.build();
  }

  private static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }
}
