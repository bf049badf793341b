package com.devcard.webhooks.worker.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookHttpClientTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
          .build();

  private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "application/json", "X-DevCard-Delivery", "dlv_1");

  private WebhookHttpClient client = newClient(true, true, HostResolver.system());

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aResponseIsRecordedWithStatusAndBodyAndTheExactBodyIsSent() {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(202).withBody("accepted")));

    HttpAttemptResult result = client.post(url("/hook"), HEADERS, BODY);

    assertThat(result.statusCode()).isEqualTo(202);
    assertThat(result.bodyPrefix()).isEqualTo("accepted");
    assertThat(result.error()).isNull();
    assertThat(result.succeeded()).isTrue();
    receiver.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withRequestBody(binaryEqualTo(BODY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("X-DevCard-Delivery", equalTo("dlv_1"))
            .withHeader("User-Agent", equalTo("DevCard-Webhooks/test")));
  }

  @Test
  void aNon2xxIsAResponseButNotASuccess() {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withBody("busy")));

    HttpAttemptResult result = client.post(url("/hook"), HEADERS, BODY);

    assertThat(result.statusCode()).isEqualTo(503);
    assertThat(result.error()).isNull();
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void aRetryAfterOfA429Or503IsReadAndOfAnyOtherStatusIgnored() {
    receiver.stubFor(
        post("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
    receiver.stubFor(
        post("/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", " 7 ")));
    receiver.stubFor(
        post("/broken").willReturn(aResponse().withStatus(500).withHeader("Retry-After", "120")));
    receiver.stubFor(
        post("/nonsense")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "tomorrow")));

    assertThat(client.post(url("/busy"), HEADERS, BODY).retryAfter())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(client.post(url("/limited"), HEADERS, BODY).retryAfter())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(client.post(url("/broken"), HEADERS, BODY).retryAfter()).isNull();
    HttpAttemptResult nonsense = client.post(url("/nonsense"), HEADERS, BODY);
    assertThat(nonsense.statusCode()).isEqualTo(503);
    assertThat(nonsense.retryAfter()).isNull();
  }

  @Test
  void a410IsGone() {
    receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));

    HttpAttemptResult result = client.post(url("/gone"), HEADERS, BODY);

    assertThat(result.gone()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(client.post(url("/missing"), HEADERS, BODY).gone()).isFalse();
  }

  @Test
  void aSlowReceiverTimesOutAtTheDeadline() {
    replaceClient(newClient(Duration.ofSeconds(1), true, true, HostResolver.system()));
    receiver.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    HttpAttemptResult result = client.post(url("/slow"), HEADERS, BODY);

    assertThat(result.statusCode()).isNull();
    assertThat(result.bodyPrefix()).isNull();
    assertThat(result.error()).isEqualTo("timeout after 1s");
    assertThat(result.durationMs()).isBetween(900L, 2_000L);
  }

  @Test
  void aReceiverTricklingItsBodyIsCutAtTheDeadline() {
    replaceClient(newClient(Duration.ofSeconds(1), true, true, HostResolver.system()));
    receiver.stubFor(
        post("/trickle")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("x".repeat(2_000))
                    .withChunkedDribbleDelay(20, 6_000)));

    HttpAttemptResult result = client.post(url("/trickle"), HEADERS, BODY);

    assertThat(result.error()).isEqualTo("timeout after 1s");
    assertThat(result.statusCode()).isNull();
    assertThat(result.durationMs()).isBetween(900L, 2_000L);
  }

  @Test
  void aRedirectIsRecordedAndNotFollowed() {
    receiver.stubFor(
        post("/moved")
            .willReturn(aResponse().withStatus(302).withHeader("Location", url("/elsewhere"))));
    receiver.stubFor(post("/elsewhere").willReturn(aResponse().withStatus(200)));

    HttpAttemptResult result = client.post(url("/moved"), HEADERS, BODY);

    assertThat(result.statusCode()).isEqualTo(302);
    assertThat(result.succeeded()).isFalse();
    receiver.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
  }

  @Test
  void aClosedPortIsConnectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    HttpAttemptResult result =
        client.post("http://127.0.0.1:" + closedPort + "/hook?token=s3cr3t", HEADERS, BODY);

    assertThat(result.error()).isEqualTo("connection refused");
    assertThat(result.statusCode()).isNull();
  }

  @Test
  void aLoopbackTargetIsRefusedWithoutAnyRequestWhenPrivateTargetsAreNotAllowed() {
    replaceClient(newClient(false, true, HostResolver.system()));
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

    HttpAttemptResult byAddress = client.post(url("/hook"), HEADERS, BODY);
    HttpAttemptResult byName =
        client.post("http://localhost:" + receiver.getPort() + "/hook", HEADERS, BODY);
    HttpAttemptResult byDecimalNumber =
        client.post("http://2130706433:" + receiver.getPort() + "/hook", HEADERS, BODY);

    assertThat(byAddress.error()).isEqualTo("target address forbidden: loopback");
    assertThat(byName.error()).isEqualTo("target address forbidden: loopback");
    assertThat(byDecimalNumber.error()).isEqualTo("target address forbidden: loopback");
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aNameThatNowResolvesToAPrivateAddressIsRefusedAtDialTime() {
    HostResolver rebound =
        host ->
            host.equals("hooks.example.com")
                ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                : HostResolver.system().resolve(host);
    replaceClient(newClient(false, true, rebound));

    HttpAttemptResult result =
        client.post("http://hooks.example.com:" + receiver.getPort() + "/hook", HEADERS, BODY);

    assertThat(result.error()).isEqualTo("target address forbidden: loopback");
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aNameThatDoesNotResolveIsADnsFailureNamingTheHostOnly() {
    HostResolver nothing =
        host -> {
          throw new UnknownHostException(host);
        };
    replaceClient(newClient(true, true, nothing));

    HttpAttemptResult result =
        client.post("https://nowhere.example.com/hook?token=s3cr3t", HEADERS, BODY);

    assertThat(result.error()).isEqualTo("DNS lookup failed for nowhere.example.com");
  }

  @Test
  void plainHttpIsRefusedUnlessAllowed() {
    replaceClient(newClient(true, false, HostResolver.system()));

    HttpAttemptResult result = client.post(url("/hook"), HEADERS, BODY);

    assertThat(result.error()).isEqualTo("target URL forbidden: http is not allowed");
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anUntrustedCertificateIsATlsFailure() {
    HttpAttemptResult result =
        client.post(
            "https://127.0.0.1:" + receiver.getRuntimeInfo().getHttpsPort() + "/hook",
            HEADERS,
            BODY);

    assertThat(result.error()).isEqualTo("TLS handshake failed: certificate not trusted");
  }

  @Test
  void aResetConnectionAndAnEmptyAnswerAreReadableFailures() {
    receiver.stubFor(
        post("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    receiver.stubFor(post("/empty").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThat(client.post(url("/reset"), HEADERS, BODY).error()).isEqualTo("connection reset");
    assertThat(client.post(url("/empty"), HEADERS, BODY).error())
        .isEqualTo("connection closed without a response");
  }

  @Test
  void theBodyPrefixReplacesInvalidUtf8AndDropsNul() {
    byte[] answer = {'o', 'k', 0, (byte) 0xC3, (byte) 0x28, '!'};
    receiver.stubFor(post("/odd").willReturn(aResponse().withStatus(200).withBody(answer)));

    HttpAttemptResult result = client.post(url("/odd"), HEADERS, BODY);

    assertThat(result.bodyPrefix()).isEqualTo("ok\uFFFD(!");
  }

  @Test
  void onlyTheFirst16KiBOfALongBodyAreKept() {
    receiver.stubFor(
        post("/long").willReturn(aResponse().withStatus(200).withBody("é".repeat(20_000))));

    HttpAttemptResult result = client.post(url("/long"), HEADERS, BODY);

    assertThat(result.bodyPrefix()).hasSize(8_192);
    assertThat(result.statusCode()).isEqualTo(200);
  }

  @Test
  void pooledConnectionsServeManyRequestsInARow() {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));

    for (int i = 0; i < 50; i++) {
      assertThat(client.post(url("/hook"), HEADERS, BODY).statusCode()).isEqualTo(204);
    }
    receiver.verify(50, postRequestedFor(urlEqualTo("/hook")));
  }

  private void replaceClient(WebhookHttpClient replacement) {
    client.close();
    client = replacement;
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + receiver.getPort() + path;
  }

  /** A client with a deadline far above what a busy machine needs for a loopback answer. */
  static WebhookHttpClient newClient(
      boolean allowPrivateTargets, boolean allowHttp, HostResolver resolver) {
    return newClient(Duration.ofSeconds(10), allowPrivateTargets, allowHttp, resolver);
  }

  static WebhookHttpClient newClient(
      Duration deadline, boolean allowPrivateTargets, boolean allowHttp, HostResolver resolver) {
    return new WebhookHttpClient(
        new OutboundHttpSettings(deadline, "DevCard-Webhooks/test"),
        new TargetPolicy(allowHttp, allowPrivateTargets, resolver),
        resolver);
  }
}
