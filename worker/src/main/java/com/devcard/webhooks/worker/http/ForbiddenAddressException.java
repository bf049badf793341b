package com.devcard.webhooks.worker.http;

import java.net.UnknownHostException;

/**
 * A target host that is, or resolves to, an address the target rule forbids. An {@link
 * UnknownHostException} because that is what a resolver may throw: the client gives up on the host
 * without dialling anything.
 */
final class ForbiddenAddressException extends UnknownHostException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  ForbiddenAddressException(String reason) {
    super("target address forbidden: " + reason);
    this.reason = reason;
  }

  /** Why, as {@code AddressRule.describe} words it: {@code loopback}, {@code private}, ... */
  String reason() {
    return reason;
  }
}
