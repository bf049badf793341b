package com.devcard.webhooks.api.security;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Every {@code /api/**} request needs a valid bearer token; anything less is 401. */
@ApiSliceTest
class BearerTokenTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;

  private final String user = TestData.newUser();

  private MvcTestResult listEndpointsWith(String authorization) {
    return mvc.get()
        .uri("/api/webhooks")
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .exchange();
  }

  private void assertUnauthorized(MvcTestResult result) {
    assertProblem(result, HttpStatus.UNAUTHORIZED, "unauthorized");
    assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
  }

  @Test
  void aRequestWithoutATokenIsUnauthorized() {
    assertUnauthorized(mvc.get().uri("/api/webhooks").exchange());
  }

  @Test
  void aTokenThatIsNotAJwtIsUnauthorized() {
    assertUnauthorized(listEndpointsWith("Bearer not-a-jwt"));
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    assertUnauthorized(listEndpointsWith("Bearer " + tokens.expired(user)));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsUnauthorized() {
    String forged = TestTokens.signedWith("another-secret-of-at-least-32-bytes-long", user);

    assertUnauthorized(listEndpointsWith("Bearer " + forged));
  }

  @Test
  void anUnsignedTokenIsUnauthorized() {
    assertUnauthorized(listEndpointsWith("Bearer " + TestTokens.unsigned(user)));
  }

  @Test
  void aTokenWithoutExpiryIsUnauthorized() {
    assertUnauthorized(listEndpointsWith("Bearer " + tokens.sign(user, null, null)));
  }

  @Test
  void aTokenWithoutSubjectIsUnauthorized() {
    String anonymous = tokens.sign(null, null, Instant.now().plusSeconds(60));

    assertUnauthorized(listEndpointsWith("Bearer " + anonymous));
  }

  @Test
  void aSubjectLongerThan128CharactersIsUnauthorized() {
    String tooLong = tokens.sign("u".repeat(129), null, Instant.now().plusSeconds(60));

    assertUnauthorized(listEndpointsWith("Bearer " + tooLong));
  }

  @Test
  void aTokenInAnotherSchemeIsUnauthorized() {
    assertUnauthorized(listEndpointsWith("Basic " + tokens.user(user)));
  }

  @Test
  void aValidTokenOfASubjectOf128CharactersIsAccepted() {
    String longest = "u".repeat(128);

    assertThat(listEndpointsWith(tokens.bearer(longest))).hasStatusOk();
  }
}
