package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.eventtype.EventTypeCatalog;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The field rules of an endpoint, shared by create and change: a URL the target rule accepts, 1 to
 * {@value #MAX_EVENTS} known event types without repeats, and a description of at most {@value
 * #MAX_DESCRIPTION} characters without control characters.
 */
@Component
class EndpointValidator {

  static final int MAX_EVENTS = 50;
  static final int MAX_DESCRIPTION = 256;
  static final int MIN_RATE_LIMIT = 1;
  static final int MAX_RATE_LIMIT = 1000;
  private static final Set<String> PATCHABLE =
      Set.of("url", "events", "description", "isActive", "rateLimit", "releaseHeld");

  private final TargetPolicy targetPolicy;
  private final EventTypeCatalog catalog;

  EndpointValidator(TargetPolicy targetPolicy, EventTypeCatalog catalog) {
    this.targetPolicy = targetPolicy;
    this.catalog = catalog;
  }

  NewEndpoint validateCreate(String userId, CreateEndpointRequest request) {
    List<FieldError> errors = new ArrayList<>();
    checkUrl(request.url(), errors);
    checkEvents(request.events(), errors);
    checkDescription(request.description(), errors);
    Optional<Integer> rateLimit = rateLimit(request.rateLimit(), errors);
    throwIfAny(errors);
    return new NewEndpoint(
        userId,
        request.url(),
        List.copyOf(request.events()),
        blankToNull(request.description()),
        rateLimit.orElse(null));
  }

  /** A PATCH body: only the fields present change; {@code description: null} clears it. */
  EndpointChanges validateChanges(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!PATCHABLE.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "is not a field that can be changed"));
      }
    }
    Optional<String> url = Optional.empty();
    if (body.has("url")) {
      JsonNode node = body.get("url");
      if (node.isString()) {
        url = Optional.of(node.stringValue());
        checkUrl(url.get(), errors);
      } else {
        errors.add(new FieldError("url", "must be a string"));
      }
    }
    Optional<List<String>> events = Optional.empty();
    if (body.has("events")) {
      List<String> parsed = stringList(body.get("events"), errors);
      if (parsed != null) {
        checkEvents(parsed, errors);
        events = Optional.of(parsed);
      }
    }
    Optional<Optional<String>> description = Optional.empty();
    if (body.has("description")) {
      JsonNode node = body.get("description");
      if (node.isNull()) {
        description = Optional.of(Optional.empty());
      } else if (node.isString()) {
        checkDescription(node.stringValue(), errors);
        description = Optional.of(Optional.ofNullable(blankToNull(node.stringValue())));
      } else {
        errors.add(new FieldError("description", "must be a string or null"));
      }
    }
    Optional<Boolean> active = Optional.empty();
    if (body.has("isActive")) {
      JsonNode node = body.get("isActive");
      if (node.isBoolean()) {
        active = Optional.of(node.booleanValue());
      } else {
        errors.add(new FieldError("isActive", "must be true or false"));
      }
    }
    Optional<Optional<Integer>> rateLimit = Optional.empty();
    if (body.has("rateLimit")) {
      rateLimit = Optional.of(rateLimit(body.get("rateLimit"), errors));
    }
    boolean releaseHeld = true;
    if (body.has("releaseHeld")) {
      JsonNode node = body.get("releaseHeld");
      if (!node.isBoolean()) {
        errors.add(new FieldError("releaseHeld", "must be true or false"));
      } else if (!active.orElse(false)) {
        errors.add(
            new FieldError(
                "releaseHeld",
                "is taken only with isActive: true, which releases held deliveries"));
      } else {
        releaseHeld = node.booleanValue();
      }
    }
    throwIfAny(errors);
    return new EndpointChanges(url, events, description, active, rateLimit, releaseHeld);
  }

  /** A limit of 1 to 1000 attempts per second; empty for JSON null or no value (no limit). */
  private static Optional<Integer> rateLimit(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    if (node.isIntegralNumber()
        && node.canConvertToInt()
        && node.intValue() >= MIN_RATE_LIMIT
        && node.intValue() <= MAX_RATE_LIMIT) {
      return Optional.of(node.intValue());
    }
    errors.add(
        new FieldError(
            "rateLimit",
            "must be a whole number of attempts per second from "
                + MIN_RATE_LIMIT
                + " to "
                + MAX_RATE_LIMIT
                + ", or null for no limit"));
    return Optional.empty();
  }

  private void checkUrl(String url, List<FieldError> errors) {
    if (url == null || url.isBlank()) {
      errors.add(new FieldError("url", "is required"));
      return;
    }
    targetPolicy
        .check(url)
        .forEach(violation -> errors.add(new FieldError("url", violation.message())));
  }

  private void checkEvents(List<String> events, List<FieldError> errors) {
    if (events == null || events.isEmpty()) {
      errors.add(new FieldError("events", "must list 1 to " + MAX_EVENTS + " event types"));
      return;
    }
    if (events.size() > MAX_EVENTS) {
      errors.add(new FieldError("events", "must list at most " + MAX_EVENTS + " event types"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      String type = events.get(i);
      String field = "events[" + i + "]";
      if (type == null) {
        errors.add(new FieldError(field, "must be an event type"));
      } else if (!catalog.contains(type)) {
        errors.add(new FieldError(field, "is not a known event type (see GET /api/event-types)"));
      } else if (!seen.add(type)) {
        errors.add(new FieldError(field, "is listed twice"));
      }
    }
  }

  private static void checkDescription(String description, List<FieldError> errors) {
    if (description == null) {
      return;
    }
    if (description.length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    if (description.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("description", "must not contain control characters"));
    }
  }

  private static List<String> stringList(JsonNode node, List<FieldError> errors) {
    if (!node.isArray()) {
      errors.add(new FieldError("events", "must be an array of event types"));
      return null;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node.values()) {
      values.add(item.isString() ? item.stringValue() : null);
    }
    return values;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }
}
