package com.devcard.webhooks.api.error;

import java.io.IOException;

/** Thrown while reading a request body that goes past the route's limit. */
public class PayloadTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public PayloadTooLargeException(long limitBytes) {
    super("request body is larger than " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
