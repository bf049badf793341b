package com.devcard.webhooks.netguard;

/** A target URL that cannot be taken apart; the message is user-facing and never holds the URL. */
final class InvalidTargetException extends Exception {

  InvalidTargetException(String message) {
    super(message, null, false, false);
  }
}
