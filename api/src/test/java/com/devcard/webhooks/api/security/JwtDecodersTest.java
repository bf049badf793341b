package com.devcard.webhooks.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.store.operational.OperationalEvents;
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
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtDecodersTest {

  private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
  private static final String AUDIENCE = "devcard-webhooks";

  private final JwtDecoder withoutAudience =
      JwtDecoders.from(new JwtProperties(SECRET, null, null, " "));
  private final JwtDecoder withAudience =
      JwtDecoders.from(new JwtProperties(SECRET, null, null, AUDIENCE));

  @Test
  void aPlainSubjectPasses() {
    assertThat(withoutAudience.decode(token("u_42", claims -> claims)).getSubject())
        .isEqualTo("u_42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"u\u0000", "\u0000", "u\u0007", "u\r\n", "u\u007f", "u\u0085"})
  void aSubjectWithAControlCharacterIsRefused(String subject) {
    // It is the user id every query filters on: NUL would reach the database as an error.
    assertThatThrownBy(() -> withoutAudience.decode(token(subject, claims -> claims)))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("without control characters");
  }

  @Test
  void theOwnerOfTheOperationalEndpointIsNoUser() {
    // Its endpoint and events must stay invisible to every token.
    assertThatThrownBy(
            () -> withoutAudience.decode(token(OperationalEvents.OWNER, claims -> claims)))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("sub names no user");
  }

  @Test
  void withoutAnAudienceSettingAnyOrNoAudiencePasses() {
    for (UnaryOperator<JWTClaimsSet.Builder> audience :
        List.<UnaryOperator<JWTClaimsSet.Builder>>of(
            claims -> claims,
            claims -> claims.audience("someone-else"),
            claims -> claims.audience(List.of("a", "b")))) {
      assertThat(withoutAudience.decode(token("u_42", audience)).getSubject()).isEqualTo("u_42");
    }
  }

  @Test
  void withAnAudienceSettingTheTokenMustNameIt() {
    assertThat(withAudience.decode(token("u_42", claims -> claims.audience(AUDIENCE))).getSubject())
        .isEqualTo("u_42");
    assertThat(
            withAudience
                .decode(token("u_42", claims -> claims.audience(List.of("other", AUDIENCE))))
                .getAudience())
        .containsExactly("other", AUDIENCE);
  }

  @Test
  void withAnAudienceSettingATokenWithoutItIsRefused() {
    for (UnaryOperator<JWTClaimsSet.Builder> audience :
        List.<UnaryOperator<JWTClaimsSet.Builder>>of(
            claims -> claims,
            claims -> claims.audience("someone-else"),
            claims -> claims.audience(List.of("other", "devcard-webhooks-2")),
            claims -> claims.audience(AUDIENCE.toUpperCase(Locale.ROOT)),
            claims -> claims.claim("aud", List.of()))) {
      assertThatThrownBy(() -> withAudience.decode(token("u_42", audience)))
          .isInstanceOf(JwtException.class);
    }
  }

  private static String token(String subject, UnaryOperator<JWTClaimsSet.Builder> extra) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), extra.apply(claims).build());
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException exception) {
      throw new IllegalStateException(exception);
    }
  }
}
