package com.devcard.webhooks.worker.http;

import org.apache.hc.core5.http.MessageConstraintException;

/**
 * A response's status line and headers went past {@link ResponseHeadLimits}. An I/O failure, so the
 * client drops the connection as for any broken exchange.
 */
final class ResponseHeadTooLargeException extends MessageConstraintException {

  private static final long serialVersionUID = 1L;

  ResponseHeadTooLargeException(String message) {
    super(message);
  }
}
