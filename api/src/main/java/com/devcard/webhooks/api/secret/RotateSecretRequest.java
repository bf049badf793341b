package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The optional body of a rotation, {@code {"graceSeconds": N}}: no body, an empty one, {@code null}
 * or a missing field all mean the default grace period.
 */
final class RotateSecretRequest {

  static final String GRACE_SECONDS = "graceSeconds";
  static final long MAX_GRACE_SECONDS = Duration.ofDays(7).toSeconds();
  static final Duration DEFAULT_GRACE = Duration.ofDays(1);

  private RotateSecretRequest() {}

  /** The grace period the body asks for. */
  static Duration graceOf(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return DEFAULT_GRACE;
    }
    if (!body.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getKey().equals(GRACE_SECONDS)) {
        errors.add(new FieldError(field.getKey(), "is not a known field"));
      }
    }
    Duration grace = DEFAULT_GRACE;
    JsonNode value = body.get(GRACE_SECONDS);
    if (value != null && !value.isNull()) {
      if (value.isIntegralNumber()
          && value.canConvertToLong()
          && value.longValue() >= 0
          && value.longValue() <= MAX_GRACE_SECONDS) {
        grace = Duration.ofSeconds(value.longValue());
      } else {
        errors.add(
            new FieldError(
                GRACE_SECONDS, "must be a whole number of seconds from 0 to " + MAX_GRACE_SECONDS));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return grace;
  }
}
