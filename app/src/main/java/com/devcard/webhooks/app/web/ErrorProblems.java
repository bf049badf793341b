package com.devcard.webhooks.app.web;

import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.error.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem for an error status that no controller answered: a request Tomcat or the security
 * firewall rejected before it reached one (an encoded slash or NUL in the path, a bad
 * percent-escape, an over-long request line). Fixed text only: nothing of the request is echoed.
 */
final class ErrorProblems {

  private ErrorProblems() {}

  static ProblemDetail of(int statusCode) {
    HttpStatus status = HttpStatus.resolve(statusCode);
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    return Problems.of(status, typeOf(status), status.getReasonPhrase(), detailOf(status));
  }

  private static URI typeOf(HttpStatus status) {
    return switch (status) {
      case UNAUTHORIZED -> ProblemTypes.UNAUTHORIZED;
      case FORBIDDEN -> ProblemTypes.FORBIDDEN;
      case NOT_FOUND -> ProblemTypes.NOT_FOUND;
      case METHOD_NOT_ALLOWED -> ProblemTypes.METHOD_NOT_ALLOWED;
      case NOT_ACCEPTABLE -> ProblemTypes.NOT_ACCEPTABLE;
      case CONTENT_TOO_LARGE -> ProblemTypes.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
      case SERVICE_UNAVAILABLE -> ProblemTypes.SERVICE_UNAVAILABLE;
      default -> status.is5xxServerError() ? ProblemTypes.INTERNAL : ProblemTypes.VALIDATION;
    };
  }

  private static String detailOf(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST ->
          "The request was rejected: its path, headers or encoding are not acceptable.";
      case NOT_FOUND -> "No resource at this path.";
      default -> "The request could not be handled.";
    };
  }
}
