package com.devcard.webhooks.netguard;

import static com.devcard.webhooks.netguard.TargetPolicyCorpus.ALLOWED;
import static com.devcard.webhooks.netguard.TargetPolicyCorpus.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TargetPolicyTest {

  private final FixedHostResolver resolver = FixedHostResolver.standard();
  private final TargetPolicy strict = new TargetPolicy(false, false, resolver);
  private final TargetPolicy permissive = new TargetPolicy(true, true, resolver);

  static Stream<TargetPolicyCorpus.Case> corpus() {
    return TargetPolicyCorpus.cases();
  }

  @Test
  void corpusCoversAtLeastSixtyUrls() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void strictPolicyAnswersAsTheCorpusExpects(TargetPolicyCorpus.Case c) {
    assertAnswer(strict.check(c.url()), c.strict());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void permissivePolicyAnswersAsTheCorpusExpects(TargetPolicyCorpus.Case c) {
    assertAnswer(permissive.check(c.url()), c.permissive());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void messagesNeverEchoTheUrlOrItsQuery(TargetPolicyCorpus.Case c) {
    for (TargetPolicy policy : List.of(strict, permissive)) {
      for (TargetViolation violation : policy.check(c.url())) {
        assertThat(violation.message()).doesNotContain(SECRET);
        if (c.url().length() > 12) {
          assertThat(violation.message()).doesNotContain(c.url().strip());
        }
      }
    }
  }

  @Test
  void refusesANullUrl() {
    assertThat(strict.check(null))
        .extracting(TargetViolation::message)
        .containsExactly("URL is required");
  }

  @Test
  void httpOnlyPolicyStillRefusesPrivateTargets() {
    TargetPolicy httpOnly = new TargetPolicy(true, false, resolver);

    assertThat(httpOnly.check("http://public.test/")).isEmpty();
    assertThat(httpOnly.check("http://rebind.test/"))
        .extracting(TargetViolation::message)
        .containsExactly("host rebind.test does not resolve to an allowed address");
  }

  @Test
  void privateOnlyPolicyStillRequiresHttps() {
    TargetPolicy privateOnly = new TargetPolicy(false, true, resolver);

    assertThat(privateOnly.check("https://127.0.0.1:8443/")).isEmpty();
    assertThat(privateOnly.check("http://127.0.0.1:8080/"))
        .extracting(TargetViolation::message)
        .containsExactly("URL must use https, http is not allowed");
  }

  @Test
  void reportsEveryStructuralViolationTogether() {
    assertThat(strict.check("http://u:p@public.test/#x"))
        .extracting(TargetViolation::message)
        .containsExactly(
            "URL must use https, http is not allowed",
            "URL must not contain user-info (user:password@)",
            "URL must not contain a fragment (#...)");
  }

  @Test
  void neverLooksUpLocalhostNumericHostsOrRefusedUrls() {
    strict.check("https://localhost/");
    strict.check("https://api.localhost./");
    permissive.check("https://localhost/");
    strict.check("https://0x7f000001/");
    strict.check("https://[::1]/");
    strict.check("https://u:p@public.test/");
    strict.check("http://public.test/");
    strict.check("https://public.test/#x");

    assertThat(resolver.lookups()).isEmpty();
  }

  @Test
  void looksUpTheAsciiFormOfAnInternationalName() {
    assertThat(strict.check("https://b\u00fccher.test/")).isEmpty();

    assertThat(resolver.lookups()).containsExactly("xn--bcher-kva.test");
  }

  @Test
  void aNameThatDoesNotResolveIsRefusedEvenWhenPrivateTargetsAreAllowed() {
    assertThat(permissive.check("https://nxdomain.test/"))
        .extracting(TargetViolation::message)
        .containsExactly("host nxdomain.test does not resolve to an allowed address");
  }

  @Test
  void aResolverThatAnswersNothingMeansTheNameDoesNotResolve() {
    TargetPolicy policy = new TargetPolicy(false, false, host -> new java.net.InetAddress[0]);

    assertThat(policy.check("https://empty.test/"))
        .extracting(TargetViolation::message)
        .containsExactly("host empty.test does not resolve to an allowed address");
  }

  @Test
  void aNameThatDoesNotResolveAndOneThatResolvesToAForbiddenAddressGetTheSameAnswer() {
    // Told apart, the answers would let anyone find out which internal names exist.
    for (String forbidden : List.of("rebind.test", "metadata.test", "mixed.test", "ula.test")) {
      assertThat(messageFor(forbidden)).isEqualTo(messageFor("nxdomain.test"));
    }
    assertThat(strict.check("https://nxdomain.test/"))
        .extracting(TargetViolation::message)
        .containsExactly("host nxdomain.test does not resolve to an allowed address");
  }

  @Test
  void aLiteralAddressStillGetsItsReason() {
    assertThat(strict.check("https://10.0.0.1/"))
        .extracting(TargetViolation::message)
        .containsExactly("host 10.0.0.1 is a forbidden address (private)");
  }

  /** The answer for a host, with the host's name taken out. */
  private String messageFor(String host) {
    List<TargetViolation> violations = strict.check("https://" + host + "/hook");
    assertThat(violations).hasSize(1);
    return violations.get(0).message().replace(host, "HOST");
  }

  @Test
  void givesTheNormalizedHostForDisplay() {
    assertThat(strict.host("https://Hooks.Example.COM./x?token=" + SECRET))
        .contains("hooks.example.com");
    assertThat(strict.host("https://[FD00:EC2:0:0:0:0:0:254]:8443/")).contains("fd00:ec2::254");
    assertThat(strict.host("https://[::ffff:127.0.0.1]/")).contains("::ffff:127.0.0.1");
    assertThat(strict.host("https://0x7f.1/")).contains("127.0.0.1");
    assertThat(strict.host("https://b\u00fccher.test/")).contains("xn--bcher-kva.test");
    assertThat(strict.host("https://u:p@public.test/")).contains("public.test");
    assertThat(strict.host("not a url")).isEmpty();
    assertThat(strict.host("https:///x")).isEmpty();
    assertThat(strict.host(null)).isEmpty();
  }

  @Test
  void givesTheUrlToDialWithAnAsciiHost() {
    assertThat(strict.asciiUri("https://b\u00fccher.test:8443/p?q=1"))
        .contains(URI.create("https://xn--bcher-kva.test:8443/p?q=1"));
    assertThat(strict.asciiUri("https://public.test/p?q=1"))
        .contains(URI.create("https://public.test/p?q=1"));
    assertThat(strict.asciiUri("https://public.test/p?q=1").orElseThrow().getHost())
        .isEqualTo("public.test");
    assertThat(strict.asciiUri("https://bad\uff20host.test/")).isEmpty();
  }

  @Test
  void allowedAddressDependsOnlyOnThePrivateTargetsSetting() {
    assertThat(strict.isAllowedAddress(Addresses.ip("93.184.216.34"))).isTrue();
    assertThat(strict.isAllowedAddress(Addresses.ip("127.0.0.1"))).isFalse();
    assertThat(strict.isAllowedAddress(Addresses.ip("fe80::1"))).isFalse();
    assertThat(strict.isAllowedAddress(Addresses.mappedInet6("10.0.0.1"))).isFalse();
    assertThat(permissive.isAllowedAddress(Addresses.ip("127.0.0.1"))).isTrue();
  }

  private static void assertAnswer(List<TargetViolation> violations, String expected) {
    if (expected.equals(ALLOWED)) {
      assertThat(violations).isEmpty();
    } else {
      assertThat(violations)
          .extracting(TargetViolation::message)
          .anyMatch(m -> m.contains(expected));
    }
  }
}
