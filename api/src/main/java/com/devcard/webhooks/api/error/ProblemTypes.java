package com.devcard.webhooks.api.error;

import java.net.URI;

/** The stable {@code type} URIs of every problem the API answers with. */
public final class ProblemTypes {

  private static final String BASE = "https://devcard.dev/problems/";

  public static final URI VALIDATION = of("validation-failed");
  public static final URI MALFORMED_JSON = of("malformed-json");
  public static final URI NOT_FOUND = of("not-found");
  public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
  public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
  public static final URI NOT_ACCEPTABLE = of("not-acceptable");
  public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
  public static final URI UNAUTHORIZED = of("unauthorized");
  public static final URI FORBIDDEN = of("forbidden");
  public static final URI ENDPOINT_LIMIT_REACHED = of("endpoint-limit-reached");
  public static final URI CONFLICT = of("conflict");
  public static final URI RATE_LIMITED = of("rate-limited");
  public static final URI RECOVERY_ALREADY_RUNNING = of("recovery-already-running");
  public static final URI MANUAL_ATTEMPT_LIMIT_REACHED = of("manual-attempt-limit-reached");
  public static final URI PORTAL_LINK_INVALID = of("portal-link-invalid");
  public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
  public static final URI INTERNAL = of("internal-error");

  private ProblemTypes() {}

  private static URI of(String slug) {
    return URI.create(BASE + slug);
  }
}
