package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.eventtype.EventTypeCatalog;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/events}.
 *
 * @param idempotencyKey the optional {@code id}: the same key for the same user creates nothing new
 */
public record EventReport(String idempotencyKey, String userId, String type, JsonNode data) {

  static final int MAX_ID_LENGTH = 128;

  void validate(EventTypeCatalog catalog) {
    List<FieldError> errors = new ArrayList<>();
    if (idempotencyKey != null
        && (idempotencyKey.isEmpty()
            || idempotencyKey.length() > MAX_ID_LENGTH
            || hasControlCharacters(idempotencyKey))) {
      errors.add(new FieldError("id", "must be 1 to 128 characters without control characters"));
    }
    if (userId == null || userId.isEmpty()) {
      errors.add(new FieldError("userId", "is required"));
    } else if (userId.length() > MAX_ID_LENGTH || hasControlCharacters(userId)) {
      errors.add(
          new FieldError("userId", "must be 1 to 128 characters without control characters"));
    }
    if (type == null || type.isEmpty()) {
      errors.add(new FieldError("type", "is required"));
    } else if (!catalog.contains(type)) {
      errors.add(new FieldError("type", "is not a known event type (see GET /api/event-types)"));
    }
    if (data == null || !data.isObject()) {
      errors.add(new FieldError("data", "must be a JSON object"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }

  private static boolean hasControlCharacters(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }
}
