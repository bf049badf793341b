package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.web.InputRules;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the bodies of the two recover routes strictly: an unknown field, a wrong type, a time that
 * is not ISO-8601 with an offset or lies outside what the database holds, or an id with a control
 * character is a 400 naming the field, before anything is written.
 */
final class RecoveryRequestParser {

  /** What an operator's recovery covers; {@code null} filters match everything. */
  record Filter(String userId, String endpointId, Instant since) {}

  private static final Set<String> OWNER_FIELDS = Set.of("since");
  private static final Set<String> OPERATOR_FIELDS = Set.of("userId", "endpointId", "since", "all");
  private static final int MAX_ID_LENGTH = 128;

  private RecoveryRequestParser() {}

  /** {@code {"since": "..."}}, since required. */
  static Instant ownerSince(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    checkFields(body, OWNER_FIELDS, errors);
    Instant since = instant(body, "since", errors);
    if (since == null && errors.isEmpty()) {
      errors.add(new FieldError("since", "is required"));
    }
    throwIfAny(errors);
    return since;
  }

  /**
   * {@code {"userId"?, "endpointId"?, "since"?}} with at least one of them, or {@code {"all":
   * true}} alone to recover every failed delivery of every user: an empty body never does that by
   * accident.
   */
  static Filter operatorFilter(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    checkFields(body, OPERATOR_FIELDS, errors);
    String userId = id(body, "userId", errors);
    String endpointId = id(body, "endpointId", errors);
    Instant since = instant(body, "since", errors);
    boolean all = all(body, errors);
    boolean filtered = userId != null || endpointId != null || since != null;
    if (errors.isEmpty() && all && filtered) {
      errors.add(new FieldError("all", "cannot be combined with userId, endpointId or since"));
    }
    if (errors.isEmpty() && !all && !filtered) {
      errors.add(
          new FieldError(
              "body", "give at least one of userId, endpointId, since; or \"all\": true"));
    }
    throwIfAny(errors);
    return new Filter(userId, endpointId, since);
  }

  private static void checkFields(JsonNode body, Set<String> known, List<FieldError> errors) {
    if (body == null || !body.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!known.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "is not a known field"));
      }
    }
  }

  private static String text(JsonNode body, String field, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return node.stringValue();
  }

  private static String id(JsonNode body, String field, List<FieldError> errors) {
    String value = text(body, field, errors);
    if (value != null
        && (value.isEmpty()
            || value.length() > MAX_ID_LENGTH
            || InputRules.hasControlCharacters(value))) {
      errors.add(
          new FieldError(
              field, "must be 1 to " + MAX_ID_LENGTH + " characters without control characters"));
      return null;
    }
    return value;
  }

  private static Instant instant(JsonNode body, String field, List<FieldError> errors) {
    String value = text(body, field, errors);
    if (value == null) {
      return null;
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notATime) {
      errors.add(
          new FieldError(field, "must be an ISO-8601 time with offset: 2026-11-28T10:15:30Z"));
      return null;
    }
    if (!InputRules.isStorableTime(time)) {
      errors.add(new FieldError(field, InputRules.TIME_RANGE));
      return null;
    }
    return time;
  }

  private static boolean all(JsonNode body, List<FieldError> errors) {
    JsonNode node = body.get("all");
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      errors.add(new FieldError("all", "must be true or false"));
      return false;
    }
    return node.booleanValue();
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }
}
