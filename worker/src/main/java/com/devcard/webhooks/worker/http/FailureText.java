package com.devcard.webhooks.worker.http;

import com.devcard.webhooks.workflows.RetrySchedule;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;

/**
 * Turns a failed exchange into the short reason users read in the delivery log. Exception messages
 * are not passed on as they are: some quote the URL, whose query may carry a credential.
 */
final class FailureText {

  private static final int MAX_REASON_LENGTH = 120;

  private FailureText() {}

  static String timeout(Duration timeout) {
    return "timeout after " + RetrySchedule.formatOne(timeout);
  }

  static String of(IOException failure, String host, Duration timeout) {
    // Precise on purpose, unlike the single answer given when an endpoint is saved (see
    // TargetPolicy): only the endpoint's owner reads this, and needs it to fix their DNS.
    if (failure instanceof ForbiddenAddressException forbidden) {
      return "target address forbidden: " + forbidden.reason();
    }
    if (failure instanceof UnknownHostException) {
      return "DNS lookup failed for " + host;
    }
    if (failure instanceof InterruptedIOException) {
      // SocketTimeoutException and ConnectTimeoutException: a timeout shorter than the deadline.
      return timeout(timeout);
    }
    if (failure instanceof SSLException tls) {
      return "TLS handshake failed: " + tlsReason(tls);
    }
    if (failure instanceof ConnectException) {
      return mentions(failure, "refused") ? "connection refused" : "connection failed";
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (failure instanceof NoHttpResponseException) {
      return "connection closed without a response";
    }
    if (failure instanceof ConnectionClosedException) {
      return "connection closed before the response was complete";
    }
    if (failure instanceof SocketException) {
      if (mentions(failure, "reset")) {
        return "connection reset";
      }
      if (mentions(failure, "broken pipe")) {
        return "connection closed by the receiver";
      }
      return "connection failed";
    }
    if (failure instanceof ResponseHeadTooLargeException) {
      return "response headers too large";
    }
    if (failure instanceof MessageConstraintException) {
      // Past a limit outside the head: junk before the status line, a chunk-size line, trailers.
      return "invalid HTTP response";
    }
    if (failure instanceof ClientProtocolException
        || failure.getCause() instanceof ProtocolException) {
      return "invalid HTTP response";
    }
    return "request failed (" + failure.getClass().getSimpleName() + ")";
  }

  private static String tlsReason(SSLException tls) {
    for (Throwable cause = tls; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateExpiredException) {
        return "certificate expired";
      }
      if (cause instanceof SSLPeerUnverifiedException
          || (cause instanceof CertificateException && mentions(cause, "subject alternative"))) {
        return "certificate does not match the host";
      }
      if (cause instanceof CertificateException
          || mentions(cause, "PKIX path")
          || mentions(cause, "certification path")) {
        return "certificate not trusted";
      }
    }
    String message = tls.getMessage() == null ? "" : tls.getMessage();
    // JSSE messages read "Received fatal alert: handshake_failure"; keep the first clause only.
    int detail = message.indexOf(": ", message.indexOf(':') + 1);
    String reason = detail > 0 ? message.substring(0, detail) : message;
    if (reason.isBlank()) {
      return tls.getClass().getSimpleName();
    }
    return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
  }

  private static boolean mentions(Throwable failure, String word) {
    String message = failure.getMessage();
    return message != null
        && message.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
  }
}
