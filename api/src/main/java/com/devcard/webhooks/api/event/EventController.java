package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/events} (scope {@code events:publish}): application services report events. */
@RestController
class EventController {

  private static final Set<String> FIELDS = Set.of("id", "userId", "type", "data");

  private final Dispatcher dispatcher;

  EventController(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @PostMapping(path = "/api/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  DispatchedEvent report(@RequestBody JsonNode body) {
    return dispatcher.dispatch(parse(body));
  }

  private static EventReport parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "is not a known field"));
      }
    }
    String id = optionalString(body, "id", errors);
    String userId = optionalString(body, "userId", errors);
    String type = optionalString(body, "type", errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new EventReport(id, userId, type, body.get("data"));
  }

  private static String optionalString(JsonNode body, String field, List<FieldError> errors) {
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
}
