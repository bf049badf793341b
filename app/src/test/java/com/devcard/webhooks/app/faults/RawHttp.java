package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Requests {@code ApiClient} cannot make: any header set (another auth scheme, two Authorization
 * headers), and bodies sent chunked, without a Content-Length.
 */
final class RawHttp {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;
  private final String baseUrl;

  RawHttp(int port) {
    this.port = port;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * A GET whose request target is written to the socket byte for byte, for paths no URI class would
   * let through (a lone {@code %}, an encoded NUL).
   */
  Response getVerbatim(String target, String token) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String[] headAndBody =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
      String[] head = headAndBody[0].split("\r\n");
      int status = Integer.parseInt(head[0].split(" ")[1]);
      String contentType = null;
      for (String line : head) {
        if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
          contentType = line.substring(13).trim();
        }
      }
      String body = headAndBody.length > 1 ? headAndBody[1] : "";
      return new Response(status, contentType, null, unchunk(body));
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  /** The body of a chunked answer, joined; other bodies as they are. */
  private static String unchunk(String body) {
    if (!body.matches("(?s)^[0-9a-fA-F]+\r\n.*")) {
      return body;
    }
    StringBuilder joined = new StringBuilder();
    String rest = body;
    while (true) {
      int lineEnd = rest.indexOf("\r\n");
      int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
      if (size == 0) {
        return joined.toString();
      }
      joined.append(rest, lineEnd + 2, lineEnd + 2 + size);
      rest = rest.substring(lineEnd + 2 + size + 2);
    }
  }

  /**
   * @param headers sent as given; a value containing a newline is sent as two headers of that name
   * @param chunked send the body without a Content-Length
   */
  Response send(
      String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(
        (name, value) -> {
          for (String one : value.split("\n")) {
            builder.header(name, one);
          }
        });
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    return ApiClient.exchange(http, builder.method(method, publisher).build());
  }
}
