package com.devcard.webhooks.api.error;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A failure the API answers with a specific problem. The message is the problem's {@code detail}
 * and must be safe to show: no secret, no SQL, no internal names; so must every extension member.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final URI type;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, Object> extensions;
  private final transient Duration retryAfter;

  public ApiException(HttpStatus status, URI type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public ApiException(
      HttpStatus status, URI type, String title, String detail, List<FieldError> errors) {
    this(status, type, title, detail, errors, Map.of(), null);
  }

  private ApiException(
      HttpStatus status,
      URI type,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions,
      Duration retryAfter) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
    this.retryAfter = retryAfter;
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

  /** The same problem with one more member in its body, e.g. the id of what it is about. */
  public ApiException withExtension(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new ApiException(status, type, title, getMessage(), errors, more, retryAfter);
  }

  /** The same problem, answered with a {@code Retry-After} header of whole seconds. */
  public ApiException withRetryAfter(Duration wait) {
    return new ApiException(status, type, title, getMessage(), errors, extensions, wait);
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

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
