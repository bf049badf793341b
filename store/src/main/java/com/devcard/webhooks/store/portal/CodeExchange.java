package com.devcard.webhooks.store.portal;

/** What came of exchanging a magic link's code for a session token. */
public sealed interface CodeExchange {

  /** The code was good: the token now opens this session. */
  record Exchanged(PortalSession session) implements CodeExchange {}

  /** The code opened nothing, and why. */
  record Refused(Reason reason) implements CodeExchange {}

  /** Why a code was refused. */
  enum Reason {
    /** No link has this code (or it expired so long ago that it was purged). */
    UNKNOWN,
    /** The code was exchanged once already: a link opens one session only. */
    USED,
    /** The code was not exchanged in time. */
    EXPIRED,
    /** The user's sessions were ended after the link was made. */
    ENDED
  }
}
