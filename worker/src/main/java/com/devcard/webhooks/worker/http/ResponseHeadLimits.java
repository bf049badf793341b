package com.devcard.webhooks.worker.http;

import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;

/**
 * How much of a response's status line and headers the client holds before giving up on it. Left
 * unbounded, a receiver that answers {@code X-Bomb: } and keeps writing for the whole deadline, or
 * sends a million short headers, makes the worker hold everything it sends; past any of these
 * limits the exchange fails as {@code response headers too large} and the connection is dropped.
 */
final class ResponseHeadLimits {

  /** One line, the status line or a header, with its CRLF. Also bounds chunk-size lines. */
  static final int MAX_LINE_BYTES = 8 * 1024;

  static final int MAX_HEADERS = 100;

  /** The status line, the headers and the blank line after them. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  private ResponseHeadLimits() {}

  /** Connections that read every response head within the limits. */
  static HttpConnectionFactory<ManagedHttpClientConnection> connectionFactory() {
    Http1Config config =
        Http1Config.custom()
            // httpcore refuses a line once the bytes before its LF reach this,
            // so a line of 8 KiB with its CRLF passes and one byte more does not.
            .setMaxLineLength(MAX_LINE_BYTES)
            // For trailers, whose parser sees no budget; httpcore refuses once it holds this many.
            .setMaxHeaderCount(MAX_HEADERS + 1)
            .build();
    return ManagedHttpClientConnectionFactory.builder()
        .http1Config(config)
        .responseParserFactory(new BudgetedParsers(config))
        .build();
  }

  /** The client's usual (lenient) response parser, reading each head through a fresh budget. */
  private static final class BudgetedParsers
      implements HttpMessageParserFactory<ClassicHttpResponse> {

    private final DefaultHttpResponseParserFactory parsers;

    BudgetedParsers(Http1Config config) {
      this.parsers = new DefaultHttpResponseParserFactory(config);
    }

    @Override
    public HttpMessageParser<ClassicHttpResponse> create() {
      HttpMessageParser<ClassicHttpResponse> parser = parsers.create();
      return (buffer, in) -> parser.parse(new ResponseHeadBudget(buffer), in);
    }

    /** Connections ask {@link #create()}; the configuration is the one given at construction. */
    @Deprecated
    @Override
    public HttpMessageParser<ClassicHttpResponse> create(Http1Config ignored) {
      return create();
    }
  }
}
