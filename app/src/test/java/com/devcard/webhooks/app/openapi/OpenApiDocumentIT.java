package com.devcard.webhooks.app.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.delivery.DeliveryStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the running service serves is the REST reference, so it must be complete:
 * every route explained, every parameter and field described, every failure a problem+json answer.
 */
@AppTest
class OpenApiDocumentIT {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Autowired AppClient app;

  JsonNode document;

  @BeforeEach
  void fetchTheDocument() {
    Response response = app.get("/v3/api-docs", null);
    assertThat(response.status()).isEqualTo(200);
    document = response.json();
  }

  @Test
  void itListsTheApiRoutesAndNothingElse() {
    List<String> paths = new ArrayList<>();
    document.path("paths").properties().forEach(path -> paths.add(path.getKey()));

    assertThat(paths)
        .contains(
            "/api/event-types",
            "/api/webhooks",
            "/api/webhooks/{id}",
            "/api/webhooks/{endpointId}/deliveries",
            "/api/events",
            "/api/admin/recover",
            "/api/portal-sessions",
            "/api/portal-sessions/exchange")
        .allMatch(path -> path.startsWith("/api/"), "starts with /api/");
  }

  @Test
  void everyOperationHasANameASummaryADescriptionAndDescribedParameters() {
    Set<String> operationIds = new HashSet<>();
    forEachOperation(
        (name, operation) -> {
          // Client generators name methods after it; springdoc's fallback is list_1, list_2, ...
          assertThat(operation.path("operationId").asString())
              .as("operationId of %s", name)
              .matches("[a-z][A-Za-z]+");
          assertThat(operationIds.add(operation.path("operationId").asString()))
              .as("operationId of %s is unique", name)
              .isTrue();
          assertThat(operation.path("summary").asString()).as("summary of %s", name).isNotBlank();
          assertThat(operation.path("description").asString())
              .as("description of %s", name)
              .isNotBlank();
          for (JsonNode parameter : operation.path("parameters").values()) {
            assertThat(parameter.path("description").asString())
                .as("description of parameter %s of %s", parameter.path("name").asString(), name)
                .isNotBlank();
          }
        });
  }

  @Test
  void everyFailureIsADescribedProblemAndEveryRouteNeedsAToken() {
    forEachOperation(
        (name, operation) -> {
          JsonNode responses = operation.path("responses");
          assertThat(responses.has("401")).as("401 of %s", name).isTrue();
          responses
              .properties()
              .forEach(
                  entry -> {
                    JsonNode response = resolve(entry.getValue());
                    String what = entry.getKey() + " of " + name;
                    assertThat(response.path("description").asString())
                        .as("description of %s", what)
                        .isNotBlank()
                        .isNotEqualTo("OK");
                    if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                      assertThat(response.path("content").has("application/problem+json"))
                          .as("problem+json body of %s", what)
                          .isTrue();
                    }
                  });
        });
  }

  @Test
  void everyChangeToAUsersOwnResourcesMayBeForbiddenToAReadOnlySession() {
    forEachOperation(
        (name, operation) -> {
          boolean ownResources =
              name.contains(" /api/webhooks") || name.contains(" /api/recoveries");
          if (ownResources && !name.startsWith("GET ")) {
            assertThat(operation.path("responses").has("403")).as("403 of %s", name).isTrue();
          }
        });
  }

  @Test
  void theExchangeOfALinksCodeNeedsNoToken() {
    JsonNode exchange = document.path("paths").path("/api/portal-sessions/exchange").path("post");

    assertThat(exchange.path("security").isArray()).isTrue();
    assertThat(exchange.path("security")).isEmpty();
    assertThat(exchange.path("responses").has("410")).isTrue();
    assertThat(document.path("paths").path("/api/portal-sessions").path("post").has("security"))
        .isFalse();
  }

  @Test
  void aDeliveryStatusListsExactlyTheStatusesTheServiceHas() {
    List<String> statuses =
        Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::wireValue).toList();
    JsonNode property = document.at("/components/schemas/DeliveryView/properties/status");
    JsonNode filter =
        resolve(
                stream(
                        document.at(
                            "/paths/~1api~1webhooks~1{endpointId}~1deliveries/get/parameters"))
                    .filter(parameter -> parameter.path("name").asString().equals("status"))
                    .findFirst()
                    .orElseThrow())
            .path("schema");

    for (JsonNode schema : List.of(property, filter)) {
      assertThat(stream(schema.path("enum")).map(JsonNode::asString).toList())
          .containsExactlyElementsOf(statuses);
    }
    assertThat(property.path("description").asString()).contains("`held`");
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  @Test
  void everySchemaAndEveryPropertyIsDescribed() {
    JsonNode schemas = document.path("components").path("schemas");
    assertThat(schemas.properties()).isNotEmpty();
    schemas.properties().forEach(schema -> assertDescribed(schema.getKey(), schema.getValue()));
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(document.at(ref.substring(1)).isMissingNode()).as("target of %s", ref).isFalse();
    }
  }

  private void assertDescribed(String name, JsonNode schema) {
    assertThat(schema.path("description").asString()).as("description of %s", name).isNotBlank();
    schema
        .path("properties")
        .properties()
        .forEach(
            property -> {
              String path = name + "." + property.getKey();
              JsonNode value = property.getValue();
              assertThat(value.path("description").asString())
                  .as("description of %s", path)
                  .isNotBlank();
              if (value.has("properties")) {
                assertDescribed(path, value);
              }
            });
  }

  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? document.at(node.path("$ref").asString().substring(1)) : node;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.path("$ref").asString());
    }
    for (JsonNode child : node.values()) {
      collectRefs(child, refs);
    }
  }

  private void forEachOperation(OperationCheck check) {
    int operations = 0;
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (METHODS.contains(method.getKey())) {
          check.accept(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
          operations++;
        }
      }
    }
    assertThat(operations).as("operations in the document").isGreaterThan(15);
  }

  @FunctionalInterface
  private interface OperationCheck {
    void accept(String name, JsonNode operation);
  }
}
