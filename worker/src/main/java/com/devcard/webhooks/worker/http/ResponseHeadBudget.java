package com.devcard.webhooks.worker.http;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * The connection's input as the response parser sees it while reading one response head: every line
 * it reads is counted against {@link ResponseHeadLimits}, and the first line past them ends the
 * read. The length of a single line is checked by the connection's own buffer, before the line is
 * held; this adds the count of header lines and the size of the head in all.
 */
final class ResponseHeadBudget implements SessionInputBuffer {

  private final SessionInputBuffer buffer;
  private int nonEmptyLines;
  private long bytes;

  ResponseHeadBudget(SessionInputBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
    int lengthBefore = line.length();
    int read;
    try {
      read = buffer.readLine(line, in);
    } catch (MessageConstraintException lineTooLong) {
      // The only limit the connection's buffer enforces is the line length.
      throw new ResponseHeadTooLargeException("response line too long");
    }
    if (read < 0) {
      return read;
    }
    int length = line.length() - lengthBefore;
    // Counted as if every line ended in CRLF; the client decodes the head byte for char.
    bytes += length + 2L;
    if (bytes > ResponseHeadLimits.MAX_HEAD_BYTES) {
      throw new ResponseHeadTooLargeException("response head too large");
    }
    // The status line, then the headers (a line folded onto the one before counts as its own).
    if (length > 0 && ++nonEmptyLines > 1 + ResponseHeadLimits.MAX_HEADERS) {
      throw new ResponseHeadTooLargeException("too many response headers");
    }
    return read;
  }

  @Override
  public int length() {
    return buffer.length();
  }

  @Override
  public int capacity() {
    return buffer.capacity();
  }

  @Override
  public int available() {
    return buffer.available();
  }

  @Override
  public int read(byte[] b, int off, int len, InputStream in) throws IOException {
    return buffer.read(b, off, len, in);
  }

  @Override
  public int read(byte[] b, InputStream in) throws IOException {
    return buffer.read(b, in);
  }

  @Override
  public int read(InputStream in) throws IOException {
    return buffer.read(in);
  }

  @Override
  public HttpTransportMetrics getMetrics() {
    return buffer.getMetrics();
  }
}
