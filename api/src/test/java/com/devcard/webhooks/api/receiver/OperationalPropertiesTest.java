package com.devcard.webhooks.api.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The operational settings stop the start when they could not work, and never show the secret. */
class OperationalPropertiesTest {

  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void unsetMeansNoOperationalEvents() {
    assertThat(new OperationalProperties(null, null).configuredUrl()).isEmpty();
    assertThat(new OperationalProperties("  ", null).configuredUrl()).isEmpty();
  }

  @Test
  void aUrlWithItsSecretIsTaken() {
    assertThat(
            new OperationalProperties("http://backend.internal:8080/ops", SECRET).configuredUrl())
        .contains("http://backend.internal:8080/ops");
  }

  @Test
  void aUrlWithoutAUsableSecretStopsTheStart() {
    for (String secret : new String[] {null, "", "not-a-secret", "whsec_!!!", "whsec_AAAA"}) {
      assertThatThrownBy(() -> new OperationalProperties("https://backend.example/ops", secret))
          .as(secret)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("webhooks.operational.secret");
    }
  }

  @Test
  void somethingOtherThanAnHttpUrlStopsTheStart() {
    for (String url : new String[] {"ftp://backend/ops", "backend/ops", "https://", "::"}) {
      assertThatThrownBy(() -> new OperationalProperties(url, SECRET))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("webhooks.operational.url");
    }
  }

  @Test
  void theSecretIsNeverShown() {
    assertThat(new OperationalProperties("https://backend.example/ops", SECRET).toString())
        .doesNotContain(SECRET)
        .contains("<hidden>");
  }
}
