package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.app.TestTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Tokens an attacker could present: unsigned, signed with another algorithm or an unknown key,
 * tampered with, out of their validity window. Each would pass if the app checked less than it
 * should.
 */
final class HostileTokens {

  private final String secret;

  HostileTokens(String secret) {
    this.secret = secret;
  }

  /** {@code alg} set to the given spelling of "none", no signature. */
  String unsigned(String algorithm, String subject) {
    return base64Json("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}")
        + "."
        + base64Json(claimsJson(subject))
        + ".";
  }

  /** The app's own secret, but an HMAC algorithm other than HS256. */
  String withHmac(JWSAlgorithm algorithm, String subject) {
    return sign(algorithm, macSigner(), valid(subject));
  }

  /** RS256 from a key pair the app has never seen. */
  String rs256UnknownKey(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return sign(
          JWSAlgorithm.RS256,
          new RSASSASigner(generator.generateKeyPair().getPrivate()),
          valid(subject));
    } catch (GeneralSecurityException exception) {
      throw new IllegalStateException(exception);
    }
  }

  /** ES256 from a key pair the app has never seen. */
  String es256UnknownKey(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return sign(
          JWSAlgorithm.ES256,
          new ECDSASigner((ECPrivateKey) generator.generateKeyPair().getPrivate()),
          valid(subject));
    } catch (GeneralSecurityException | JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }

  /** Correctly signed, but not valid until an hour from now. */
  String notYetValid(String subject) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(valid(subject))
            .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
            .build();
    return sign(JWSAlgorithm.HS256, macSigner(), claims);
  }

  /** Correctly signed and valid, with any subject at all: control characters, NUL. */
  String withSubject(String subject) {
    return sign(JWSAlgorithm.HS256, macSigner(), valid(subject));
  }

  /** A valid token of one subject whose payload is swapped for another subject's. */
  String tamperedSubject(String signedToken, String otherSubject) {
    String[] parts = signedToken.split("\\.");
    return parts[0] + "." + base64Json(claimsJson(otherSubject)) + "." + parts[2];
  }

  /** A valid token with its signature cut off. */
  String withoutSignature(String signedToken) {
    return signedToken.substring(0, signedToken.lastIndexOf('.') + 1);
  }

  private MACSigner macSigner() {
    try {
      return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }

  private static JWTClaimsSet valid(String subject) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .audience(TestTokens.AUDIENCE)
        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
        .build();
  }

  private static String claimsJson(String subject) {
    return "{\"sub\":\""
        + subject
        + "\",\"aud\":\""
        + TestTokens.AUDIENCE
        + "\",\"exp\":"
        + (Instant.now().getEpochSecond() + 3600)
        + "}";
  }

  private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }

  private static String base64Json(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
