package com.devcard.webhooks.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.api.Test;

/** Failures that a local receiver cannot easily produce, worded for the delivery log. */
class FailureTextTest {

  private static final Duration TIMEOUT = Duration.ofMillis(1_500);

  @Test
  void aCertificateForAnotherHostIsNamedAsSuch() {
    SSLHandshakeException mismatch =
        new SSLHandshakeException("No subject alternative DNS name matching hooks.example.com");
    mismatch.initCause(
        new CertificateException("No subject alternative DNS name matching hooks.example.com"));

    assertThat(text(mismatch))
        .isEqualTo("TLS handshake failed: certificate does not match the host");
  }

  @Test
  void aHandshakeAlertKeepsItsShortJsseReason() {
    assertThat(text(new SSLHandshakeException("Received fatal alert: handshake_failure")))
        .isEqualTo("TLS handshake failed: Received fatal alert: handshake_failure");
  }

  @Test
  void aRefusedConnectionNeverQuotesTheUrl() {
    HttpHostConnectException refused =
        new HttpHostConnectException(
            "Connect to https://hooks.example.com/x?token=abc failed: Connection refused");

    assertThat(text(refused)).isEqualTo("connection refused");
  }

  @Test
  void otherFailuresNameTheirKindOnly() {
    assertThat(text(new SocketException("Network is unreachable"))).isEqualTo("connection failed");
    assertThat(text(new IOException("https://hooks.example.com/?token=abc went wrong")))
        .isEqualTo("request failed (IOException)");
  }

  @Test
  void aTimeoutIsWrittenInItsLargestWholeUnit() {
    assertThat(FailureText.timeout(Duration.ofSeconds(5))).isEqualTo("timeout after 5s");
    assertThat(FailureText.timeout(TIMEOUT)).isEqualTo("timeout after 1500ms");
  }

  private static String text(IOException failure) {
    return FailureText.of(failure, "hooks.example.com", TIMEOUT);
  }
}
