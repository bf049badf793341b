package com.devcard.webhooks.api.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The 413 problem, shared by the body-limit filter and the MVC handler. */
public final class PayloadLimits {

  private PayloadLimits() {}

  public static ProblemDetail problem(long limitBytes) {
    return Problems.of(
        HttpStatus.CONTENT_TOO_LARGE,
        ProblemTypes.PAYLOAD_TOO_LARGE,
        "Payload too large",
        "The request body is larger than the limit of " + limitBytes + " bytes for this route.");
  }
}
