package com.devcard.webhooks.api.security;

import com.devcard.webhooks.api.web.InputRules;
import com.devcard.webhooks.store.operational.OperationalEvents;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the token decoder: HS256 with the shared secret, RS256/ES256 from the key set when one is
 * configured, {@code exp} required, {@code iss} and {@code aud} checked when configured, and a
 * {@code sub} of 1 to 128 characters without control characters (it is the user id every query
 * filters on). Unsigned tokens ({@code alg: none}) never pass.
 */
final class JwtDecoders {

  private JwtDecoders() {}

  static JwtDecoder from(JwtProperties properties) {
    if (!properties.hasSecret() && !properties.hasJwkSetUri()) {
      throw new IllegalStateException(
          "No token validation is configured: set WEBHOOKS_JWT_SECRET (at least 32 bytes) or"
              + " WEBHOOKS_JWK_SET_URI.");
    }
    OAuth2TokenValidator<Jwt> validator = validator(properties);
    NimbusJwtDecoder hmac = null;
    if (properties.hasSecret()) {
      byte[] key = properties.secret().getBytes(StandardCharsets.UTF_8);
      if (key.length < JwtProperties.MIN_SECRET_BYTES) {
        throw new IllegalStateException("WEBHOOKS_JWT_SECRET must be at least 32 bytes long.");
      }
      hmac =
          NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
              .macAlgorithm(MacAlgorithm.HS256)
              .build();
      hmac.setJwtValidator(validator);
    }
    NimbusJwtDecoder keySet = null;
    if (properties.hasJwkSetUri()) {
      keySet =
          NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
              .jwsAlgorithms(
                  algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                  })
              .build();
      keySet.setJwtValidator(validator);
    }
    return byAlgorithm(hmac, keySet);
  }

  /** Picks the decoder by the token's {@code alg}, refusing any other algorithm. */
  private static JwtDecoder byAlgorithm(NimbusJwtDecoder hmac, NimbusJwtDecoder keySet) {
    return token -> {
      JWSAlgorithm algorithm = algorithmOf(token);
      if (JWSAlgorithm.HS256.equals(algorithm) && hmac != null) {
        return hmac.decode(token);
      }
      if ((JWSAlgorithm.RS256.equals(algorithm) || JWSAlgorithm.ES256.equals(algorithm))
          && keySet != null) {
        return keySet.decode(token);
      }
      throw new BadJwtException("token algorithm is not accepted");
    };
  }

  private static JWSAlgorithm algorithmOf(String token) {
    try {
      JWT jwt = JWTParser.parse(token);
      if (!(jwt instanceof SignedJWT signed)) {
        throw new BadJwtException("token is not signed");
      }
      return signed.getHeader().getAlgorithm();
    } catch (ParseException exception) {
      throw new BadJwtException("token is malformed");
    }
  }

  private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
    validators.add(new JwtTimestampValidator());
    validators.add(JwtDecoders::subjectIsValid);
    if (properties.hasIssuer()) {
      validators.add(new JwtIssuerValidator(properties.issuer()));
    }
    if (properties.hasAudience()) {
      // "aud" may be one string or an array; the decoder reads either as a list.
      String audience = properties.audience();
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(audience)));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static OAuth2TokenValidatorResult subjectIsValid(Jwt jwt) {
    String subject = jwt.getSubject();
    if (subject == null
        || subject.isEmpty()
        || subject.length() > 128
        || InputRules.hasControlCharacters(subject)) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(
              "invalid_token", "sub must be 1 to 128 characters without control characters", null));
    }
    if (subject.equals(OperationalEvents.OWNER)) {
      // The service's own operational endpoint belongs to no user.
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error("invalid_token", "sub names no user", null));
    }
    return OAuth2TokenValidatorResult.success();
  }
}
