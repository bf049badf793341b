package com.devcard.webhooks.api.error;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 bodies in one shape for the whole API. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail of(ApiException exception) {
    ProblemDetail problem =
        of(exception.status(), exception.type(), exception.title(), exception.getMessage());
    if (!exception.errors().isEmpty()) {
      problem.setProperty("errors", exception.errors());
    }
    exception.extensions().forEach(problem::setProperty);
    return problem;
  }

  public static ProblemDetail validation(List<FieldError> errors) {
    return of(ApiException.validation(errors));
  }
}
