package com.devcard.webhooks.worker.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The start of a response body, read without ever holding more than the limit: a receiver that
 * answers with 100 MB costs 16 KiB.
 *
 * @param complete whether the whole body was read (false when it went on past the limit)
 */
record BodyPrefix(String text, boolean complete) {

  static final int LIMIT_BYTES = 16 * 1024;

  static BodyPrefix read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new BodyPrefix("", true);
    }
    byte[] buffer = new byte[LIMIT_BYTES];
    int length = 0;
    boolean complete = false;
    // Not try-with-resources: closing the stream drains the rest of the body, which is the very
    // thing to avoid. The caller drops the connection instead when the body is not complete.
    InputStream in = entity.getContent();
    if (in == null) {
      return new BodyPrefix("", true);
    }
    while (length < LIMIT_BYTES) {
      int read = in.read(buffer, length, LIMIT_BYTES - length);
      if (read < 0) {
        complete = true;
        break;
      }
      length += read;
    }
    if (!complete) {
      // A body of exactly the limit is complete when its length says so.
      complete = entity.getContentLength() == length;
    }
    return new BodyPrefix(decode(buffer, length), complete);
  }

  /** UTF-8 with invalid bytes replaced; NUL removed, PostgreSQL text refuses it. */
  static String decode(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8).replace("\u0000", "");
  }
}
