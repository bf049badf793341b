package com.devcard.webhooks.worker.http;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one outbound HTTP client of the worker. Every address it dials passes the target rule (see
 * {@link GuardedDnsResolver}); redirects are never followed; a deadline covers the whole exchange,
 * from connect to the last byte, so a receiver that trickles its answer ends at the deadline too;
 * the status line and headers are held within {@link ResponseHeadLimits}, and at most the first 16
 * KiB of a response body are read. A failure is a value, never an exception.
 */
public final class WebhookHttpClient implements AutoCloseable {

  /** Enough for a burst of deliveries to one busy receiver without queueing behind the pool. */
  static final int MAX_CONNECTIONS_TOTAL = 1000;

  static final int MAX_CONNECTIONS_PER_ROUTE = 200;

  private static final ContentType JSON = ContentType.create("application/json");

  private final OutboundHttpSettings settings;
  private final TargetPolicy policy;
  private final CloseableHttpClient client;
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * @param policy the target rule endpoints were registered under, applied again to every address
   *     dialled
   */
  public WebhookHttpClient(OutboundHttpSettings settings, TargetPolicy policy) {
    this(settings, policy, HostResolver.system());
  }

  WebhookHttpClient(OutboundHttpSettings settings, TargetPolicy policy, HostResolver resolver) {
    this.settings = settings;
    this.policy = policy;
    this.client = newClient(settings, new GuardedDnsResolver(policy, resolver));
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "webhook-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    // Most deadlines are cancelled long before they are due: do not keep them queued.
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** The host of a target URL, for logs and history; never the path or query. */
  public String hostOf(String url) {
    return policy.host(url).orElse("invalid host");
  }

  /**
   * POSTs the body with the given headers.
   *
   * @param url the endpoint's URL; only its host ever appears in the result
   */
  public HttpAttemptResult post(String url, Map<String, String> headers, byte[] body) {
    long started = System.nanoTime();
    Optional<URI> target = policy.asciiUri(url);
    if (target.isEmpty() || target.get().getScheme() == null) {
      return HttpAttemptResult.failure("invalid target URL", millisSince(started));
    }
    String scheme = target.get().getScheme().toLowerCase(Locale.ROOT);
    boolean schemeAllowed =
        scheme.equals("https") || (scheme.equals("http") && policy.allowsHttp());
    if (!schemeAllowed) {
      return HttpAttemptResult.failure(
          "target URL forbidden: " + scheme + " is not allowed", millisSince(started));
    }

    HttpPost request = new HttpPost(target.get());
    headers.forEach(request::setHeader);
    request.setEntity(new ByteArrayEntity(body, JSON));

    AtomicBoolean deadlinePassed = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              deadlinePassed.set(true);
              request.cancel();
            },
            settings.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
    ClassicHttpResponse response = null;
    try {
      response = client.executeOpen(null, request, HttpClientContext.create());
      int status = response.getCode();
      BodyPrefix prefix = BodyPrefix.read(response.getEntity());
      if (!deadline.cancel(false)) {
        // The deadline fired while the body was still coming in.
        return HttpAttemptResult.failure(
            FailureText.timeout(settings.timeout()), millisSince(started));
      }
      if (!prefix.complete()) {
        // Drop the connection: closing the response would otherwise read the rest of the body.
        request.cancel();
      }
      return HttpAttemptResult.response(
          status, prefix.text(), millisSince(started), retryAfter(response, status));
    } catch (IOException | RuntimeException e) {
      String error =
          deadlinePassed.get()
              ? FailureText.timeout(settings.timeout())
              : e instanceof IOException io
                  ? FailureText.of(io, hostOf(url), settings.timeout())
                  : "request failed (" + e.getClass().getSimpleName() + ")";
      return HttpAttemptResult.failure(error, millisSince(started));
    } finally {
      deadline.cancel(false);
      closeQuietly(response);
    }
  }

  private static Duration retryAfter(ClassicHttpResponse response, int status) {
    if (!HttpAttemptResult.honoursRetryAfter(status)) {
      return null;
    }
    Header header = response.getFirstHeader("Retry-After");
    return RetryAfter.parse(header == null ? null : header.getValue(), Instant.now()).orElse(null);
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
    deadlines.shutdownNow();
  }

  private static CloseableHttpClient newClient(
      OutboundHttpSettings settings, GuardedDnsResolver resolver) {
    Timeout timeout = Timeout.ofMilliseconds(settings.timeout().toMillis());
    HttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(resolver)
            .setConnectionFactory(ResponseHeadLimits.connectionFactory())
            .setMaxConnTotal(MAX_CONNECTIONS_TOTAL)
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout)
                    .setSocketTimeout(timeout)
                    // A receiver may close an idle keep-alive connection; check before reuse.
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build())
        .disableRedirectHandling()
        // A POST is not repeated behind the delivery log's back; the schedule decides retries.
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        // No Accept-Encoding: the body prefix is stored as sent, never inflated.
        .disableContentCompression()
        .setUserAgent(settings.userAgent())
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .build();
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    if (response == null) {
      return;
    }
    try {
      response.close();
    } catch (IOException | RuntimeException ignored) {
      // The connection is gone either way; nothing to report.
    }
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }
}
