package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.EVENTS)
class EventController {

  private static final Set<String> FIELDS = Set.of("id", "userId", "type", "data");

  private final Dispatcher dispatcher;

  EventController(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Operation(
      operationId = "reportEvent",
      summary = "Report an event",
      description =
          """
          Reports that something happened to a user's DevCard. One delivery is created for each \
          active endpoint of that user subscribed to the type, all in one transaction, and each \
          is attempted at once; with no such endpoint the list is empty. Send the same `id` when \
          retrying a report: the answer is the first report's, and nothing is delivered twice. \
          Needs scope `events:publish`.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = ReportEventRequest.class))))
  @ApiResponse(responseCode = "202", description = "Accepted: the event and its deliveries.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
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
