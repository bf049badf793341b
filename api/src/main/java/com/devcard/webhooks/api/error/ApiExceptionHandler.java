package com.devcard.webhooks.api.error;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json with a stable type. Spring's own MVC failures
 * (404, 405, 415, ...) get their types here too; nothing internal reaches a client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private static final Map<Integer, String> TITLES =
      Map.of(
          404, "Not found",
          405, "Method not allowed",
          406, "Not acceptable",
          413, "Payload too large",
          415, "Unsupported media type",
          400, "Bad request");

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> handleApiException(ApiException exception) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(exception.status());
    exception
        .retryAfter()
        .ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait)));
    return response.body(Problems.of(exception));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException exception) {
    return badField(exception.getName(), "has an invalid value");
  }

  // A transaction that cannot begin or roll back (the database went away mid-request) is a
  // TransactionException, not a DataAccessException. Only an outage is a 503: a value the
  // database refused is the client's, and anything else the service's own fault.
  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<ProblemDetail> handleDatabase(Exception exception) {
    return switch (DatabaseFailure.of(exception)) {
      case REFUSED_VALUE -> {
        // The checks at the edge missed this value: say so loudly enough to add one.
        log.warn(
            "the database refused a value of a request (SQLSTATE {}): {}",
            DatabaseFailure.sqlState(exception),
            exception.getClass().getName());
        // Which field is not known here: the problem keeps the usual shape, naming the request.
        yield badField(
            "request",
            "holds a value that cannot be stored: a time outside 4713 BC to 294276 AD, or text"
                + " with a NUL character");
      }
      case OUTAGE -> {
        log.error(
            "database unreachable while handling a request: {}", exception.getClass().getName());
        yield ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, "5")
            .body(
                Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.SERVICE_UNAVAILABLE,
                    "Service unavailable",
                    "The service cannot reach its database right now; try again shortly."));
      }
      case SERVICE_FAULT -> handleUnexpected(exception);
    };
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception exception) {
    log.error("unexpected failure while handling a request", exception);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL,
                "Internal error",
                "The request could not be completed."));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException exception,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    PayloadTooLargeException tooLarge = causeOfType(exception, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(PayloadLimits.problem(tooLarge.limitBytes()));
    }
    DatabindException mapping = causeOfType(exception, DatabindException.class);
    if (mapping != null && !mapping.getPath().isEmpty()) {
      // Strict binding refuses unknown fields: say so, as the routes that read JSON by hand do.
      String message =
          mapping instanceof UnrecognizedPropertyException
              ? "is not a known field"
              : "has the wrong type";
      return ResponseEntity.badRequest()
          .body(
              Problems.validation(
                  List.of(new FieldError(JsonPaths.of(mapping.getPath()), message))));
    }
    String detail =
        causeOfType(exception, JacksonException.class) != null
            ? "The request body is not valid JSON."
            : "The request body is missing or unreadable.";
    return ResponseEntity.badRequest()
        .body(
            Problems.of(
                HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, "Malformed JSON", detail));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException exception,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.badRequest()
        .body(
            Problems.validation(
                List.of(new FieldError(exception.getParameterName(), "is required"))));
  }

  /** Gives Spring's own problems (404, 405, 415, ...) our types and titles. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception exception,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail
            ? detail
            : ProblemDetail.forStatusAndDetail(statusCode, "The request could not be handled.");
    problem.setType(
        switch (statusCode.value()) {
          case 404 -> ProblemTypes.NOT_FOUND;
          case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
          case 406 -> ProblemTypes.NOT_ACCEPTABLE;
          case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
          case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
          default ->
              statusCode.is5xxServerError() ? ProblemTypes.INTERNAL : ProblemTypes.VALIDATION;
        });
    problem.setTitle(TITLES.getOrDefault(statusCode.value(), problem.getTitle()));
    problem.setInstance(null);
    if (statusCode.value() == 404) {
      problem.setDetail("No resource at this path.");
    }
    return new ResponseEntity<>(problem, headers, statusCode);
  }

  private ResponseEntity<ProblemDetail> badField(String field, String message) {
    return ResponseEntity.badRequest()
        .body(Problems.validation(List.of(new FieldError(field, message))));
  }

  private static <T extends Throwable> T causeOfType(Throwable throwable, Class<T> type) {
    for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
