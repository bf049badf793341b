package com.devcard.webhooks.workflows;

/** How a recovery probe ended. */
public enum ProbeResult {
  /** A probe got a 2xx: the endpoint is enabled again and its held deliveries released. */
  ENABLED,
  /** Every probe failed: the endpoint stays disabled until its owner enables it. */
  GAVE_UP,
  /** The endpoint is no longer disabled for failing (enabled or deleted): nothing to probe. */
  NOT_NEEDED
}
