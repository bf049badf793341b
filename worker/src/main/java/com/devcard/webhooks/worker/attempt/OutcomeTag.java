package com.devcard.webhooks.worker.attempt;

import java.util.Locale;

/**
 * What an attempt came to, as the {@code outcome} tag of the attempt and release metrics holds it
 * ({@code success}, {@code failure}, ...): one spelling, taken from the constant's name.
 */
enum OutcomeTag {
  /** The receiver answered 2xx. */
  SUCCESS,
  /** Anything else: another status, a timeout, a refused connection. */
  FAILURE,
  /** Not made: the delivery was cancelled, its endpoint deleted or deactivated. */
  CANCELLED,
  /** Not made: no key of the master keyset opens the endpoint's signing secret. */
  SECRET_UNDECRYPTABLE,
  /** A release's item not attempted: the delivery no longer held. */
  SKIPPED;

  static OutcomeTag of(boolean succeeded) {
    return succeeded ? SUCCESS : FAILURE;
  }

  /** The tag value, e.g. {@code secret_undecryptable}. */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
