package com.devcard.webhooks.api.error;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the API answers with a specific problem. The message is the problem's {@code detail}
 * and must be safe to show: no secret, no SQL, no internal names.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final URI type;
  private final String title;
  private final transient List<FieldError> errors;

  public ApiException(HttpStatus status, URI type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public ApiException(
      HttpStatus status, URI type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** A 400 naming the fields that are wrong. */
  public static ApiException validation(List<FieldError> errors) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION,
        "Validation failed",
        "The request has invalid fields.",
        errors);
  }

  public static ApiException validation(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  /** A 404 that says nothing about whether the resource exists for another user. */
  public static ApiException notFound(String what) {
    return new ApiException(
        HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", what + " was not found.");
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
