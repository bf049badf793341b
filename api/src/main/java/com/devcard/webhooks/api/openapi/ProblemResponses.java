package com.devcard.webhooks.api.openapi;

/**
 * Names of the problem+json responses every route shares, for {@code @ApiResponse(ref = ...)}.
 * {@link OpenApiConfiguration} defines them once, with their schema and examples.
 */
public final class ProblemResponses {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The schema of every problem body, for responses written out on an operation (409). */
  public static final String SCHEMA = "Problem";

  public static final String BAD_REQUEST = "BadRequest";
  public static final String UNAUTHORIZED = "Unauthorized";
  public static final String FORBIDDEN = "Forbidden";
  public static final String NOT_FOUND = "NotFound";
  public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
  public static final String RATE_LIMITED = "RateLimited";

  private ProblemResponses() {}
}
