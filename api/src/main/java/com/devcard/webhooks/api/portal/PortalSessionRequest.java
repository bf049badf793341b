package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.web.InputRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/portal-sessions}: {@code userId} (1 to 128 characters), {@code
 * ttlSeconds} (60 to 86400, default 3600) and {@code readOnly} (default false).
 */
record PortalSessionRequest(String userId, Duration ttl, boolean readOnly) {

  static final Duration DEFAULT_TTL = Duration.ofHours(1);
  private static final Set<String> FIELDS = Set.of("userId", "ttlSeconds", "readOnly");

  static PortalSessionRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "is not a known field"));
      }
    }
    JsonNode userId = body.get("userId");
    if (userId == null || userId.isNull()) {
      errors.add(new FieldError("userId", "is required"));
    } else if (!userId.isString()
        || userId.stringValue().isEmpty()
        || userId.stringValue().length() > PortalSessions.USER_ID_MAX) {
      errors.add(new FieldError("userId", "must be a string of 1 to 128 characters"));
    } else if (InputRules.hasControlCharacters(userId.stringValue())) {
      errors.add(new FieldError("userId", InputRules.CONTROL_CHARACTERS));
    }
    Duration ttl = DEFAULT_TTL;
    JsonNode ttlSeconds = body.get("ttlSeconds");
    if (ttlSeconds != null && !ttlSeconds.isNull()) {
      long min = PortalSessions.MIN_TTL.toSeconds();
      long max = PortalSessions.MAX_TTL.toSeconds();
      if (ttlSeconds.isIntegralNumber()
          && ttlSeconds.canConvertToLong()
          && ttlSeconds.longValue() >= min
          && ttlSeconds.longValue() <= max) {
        ttl = Duration.ofSeconds(ttlSeconds.longValue());
      } else {
        errors.add(
            new FieldError("ttlSeconds", "must be a whole number from " + min + " to " + max));
      }
    }
    boolean readOnly = false;
    JsonNode readOnlyNode = body.get("readOnly");
    if (readOnlyNode != null && !readOnlyNode.isNull()) {
      if (readOnlyNode.isBoolean()) {
        readOnly = readOnlyNode.booleanValue();
      } else {
        errors.add(new FieldError("readOnly", "must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new PortalSessionRequest(userId.stringValue(), ttl, readOnly);
  }
}
