package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.delivery.DeliveryWorkflowClient;
import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.api.receiver.EndpointProbes;
import com.devcard.webhooks.api.receiver.ReceiverCounters;
import com.devcard.webhooks.api.recovery.RecoveryWorkflows;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.EnableSettings;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointLimitReachedException;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointUpdate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A user's webhook endpoints: register, list, read, change and delete the caller's own. */
@RestController
@RequestMapping("/api/webhooks")
@Tag(name = ApiTags.ENDPOINTS)
class EndpointController {

  private static final String ENDPOINT_ID = "The endpoint's id.";
  private static final String EXAMPLE_ID = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ";

  private final EndpointRepository endpoints;
  private final EndpointValidator validator;
  private final EndpointProperties properties;
  private final DeliveryWorkflowClient canceller;
  private final EndpointViews views;
  private final EndpointProbes probes;
  private final RecoveryWorkflows releases;
  private final ReceiverCounters counters;
  private final EnableSettings enableSettings;

  EndpointController(
      EndpointRepository endpoints,
      EndpointValidator validator,
      EndpointProperties properties,
      DeliveryWorkflowClient canceller,
      EndpointViews views,
      EndpointProbes probes,
      RecoveryWorkflows releases,
      ReceiverCounters counters,
      EnableSettings enableSettings) {
    this.views = views;
    this.probes = probes;
    this.releases = releases;
    this.counters = counters;
    this.enableSettings = enableSettings;
    this.endpoints = endpoints;
    this.validator = validator;
    this.properties = properties;
    this.canceller = canceller;
  }

  @Operation(
      operationId = "createEndpoint",
      summary = "Register an endpoint",
      description =
          """
          Registers a URL that receives the listed event types. The answer holds the endpoint's \
          signing secret: it is shown this once, so store it. The URL must use https (http only \
          where the deployment allows it), carry no user-info or fragment, and its host must \
          resolve, to no loopback, private, link-local or other reserved address (unless the \
          deployment allows private targets). A user has at most 5 endpoints unless the \
          deployment sets another limit.""")
  @ApiResponse(
      responseCode = "201",
      description = "Registered; `Location` is the endpoint's URL.",
      content = @Content(schema = @Schema(implementation = CreatedEndpointView.class)))
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(
      responseCode = "409",
      description = "The user already has as many endpoints as allowed.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CreatedEndpointView> create(
      @AuthenticationPrincipal Jwt jwt, @RequestBody CreateEndpointRequest request) {
    CreatedEndpoint created;
    try {
      created =
          endpoints.create(
              validator.validateCreate(jwt.getSubject(), request),
              properties.maxEndpointsPerUser());
    } catch (EndpointLimitReachedException exception) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemTypes.ENDPOINT_LIMIT_REACHED,
          "Endpoint limit reached",
          "A user can register at most " + properties.maxEndpointsPerUser() + " endpoints.");
    }
    return ResponseEntity.created(URI.create("/api/webhooks/" + created.endpoint().id()))
        .body(new CreatedEndpointView(views.of(created.endpoint()), created.secret()));
  }

  @Operation(
      operationId = "listEndpoints",
      summary = "List endpoints",
      description = "Every endpoint of the user, active or not, oldest first. Never the secrets.")
  @ApiResponse(responseCode = "200", description = "The user's endpoints.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @GetMapping
  EndpointListView list(@AuthenticationPrincipal Jwt jwt) {
    List<EndpointView> items = views.of(endpoints.listByUser(jwt.getSubject()));
    return new EndpointListView(items);
  }

  @Operation(
      operationId = "getEndpoint",
      summary = "Get an endpoint",
      description = "One endpoint of the user, without its secret.")
  @ApiResponse(responseCode = "200", description = "The endpoint.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping("/{id}")
  EndpointView get(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ID) @PathVariable String id) {
    return views.of(owned(jwt, id));
  }

  @Operation(
      operationId = "updateEndpoint",
      summary = "Change an endpoint",
      description =
          """
          Changes only the fields the body holds, under the same rules as registering; \
          `"description": null` clears the description. Deactivating the endpoint \
          (`"isActive": false`) cancels its pending deliveries; nothing is sent to it until it is \
          active again.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = UpdateEndpointRequest.class))))
  @ApiResponse(responseCode = "200", description = "The endpoint as changed.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  EndpointView update(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ID) @PathVariable String id,
      @RequestBody JsonNode body) {
    owned(jwt, id);
    EndpointUpdate update =
        endpoints
            .update(jwt.getSubject(), id, validator.validateChanges(body), enableSettings)
            .orElseThrow(() -> ApiException.notFound("Endpoint"));
    canceller.cancel(update.cancelledDeliveryIds());
    if (update.probeEnded()) {
      probes.cancel(id);
    }
    if (update.enabledAfterDisable()) {
      counters.enabledByOwner();
    }
    // Started now; should Temporal be unreachable, the recovery reconciler starts it. The
    // operational event's delivery is started by the delivery reconciler within seconds.
    update.release().ifPresent(release -> releases.start(release, 1));
    return views.of(update.endpoint());
  }

  @Operation(
      operationId = "deleteEndpoint",
      summary = "Delete an endpoint",
      description =
          """
          Deletes the endpoint and cancels its pending deliveries; nothing more is sent to it. \
          Its delivery log is kept for audit, but the endpoint and its deliveries are answered \
          404 from then on.""")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ID) @PathVariable String id) {
    List<String> cancelled =
        endpoints.delete(jwt.getSubject(), id).orElseThrow(() -> ApiException.notFound("Endpoint"));
    canceller.cancel(cancelled);
    probes.cancel(id);
    return ResponseEntity.noContent().build();
  }

  private Endpoint owned(Jwt jwt, String id) {
    return endpoints
        .find(jwt.getSubject(), id)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
  }
}
