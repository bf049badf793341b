package com.devcard.webhooks.api.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of the OpenAPI document no single controller owns: what the API is, its bearer
 * authentication, and the problem+json answers the routes share (by name, see {@link
 * ProblemResponses}), each with an example of the body.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String BEARER = "bearer";
  private static final String PROBLEMS = "https://devcard.dev/problems/";

  /** The routes of a user's own resources, which a session of the users' page may call. */
  private static final List<String> OWNERS_ROUTES = List.of("/api/webhooks", "/api/recoveries");

  private static final String DESCRIPTION =
      """
      Register webhook endpoints for a DevCard user, report DevCard events, and read the log of \
      every delivery.

      **Authentication.** Every route needs `Authorization: Bearer <JWT>`; the token's subject \
      is the user, and a user only ever sees their own endpoints, deliveries and recoveries (another \
      user's are answered 404, like ones that do not exist). `POST /api/events` needs scope \
      `events:publish`; every route under `/api/admin` needs scope `webhooks:admin`; the routes \
      under `/api/portal-sessions` need scope `webhooks:portal`, but for the exchange of a link's \
      code, which needs no token. The session token of the users' page (`wps_...`) is accepted \
      in place of a JWT: it acts as its user, with no scope, and a read-only one may only read \
      (anything else is 403).

      **Errors.** Every failure is an RFC 9457 `application/problem+json` body whose `type` is a \
      stable URI. Request bodies are read strictly: an unknown field or a wrong type is a 400 \
      naming the field, and a duplicate key is a 400 like any other malformed JSON. Bodies are limited to 256 KiB on `POST /api/events` and \
      64 KiB elsewhere (413). While the service cannot reach its database it answers 503 with \
      `Retry-After`.

      **Formats.** Ids are opaque strings with a prefix (`ep_`, `evt_`, `dlv_`, `rcv_`). Times \
      are ISO-8601 in UTC with milliseconds, such as `2026-11-28T10:15:30.123Z`.
      """;

  @Bean
  OpenApiCustomizer webhooksDocument() {
    return openApi -> {
      openApi.info(
          new Info().title("DevCard Webhooks API").version(version()).description(DESCRIPTION));
      Components components =
          openApi.getComponents() == null ? new Components() : openApi.getComponents();
      openApi.components(components);
      components.addSecuritySchemes(
          BEARER,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .bearerFormat("JWT")
              .description(
                  "A JWT whose subject is the user (HS256 with the shared secret, or RS256/ES256"
                      + " from the configured key set), or the session token of the users' page"
                      + " (`wps_...`), which acts as its user."));
      openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
      openApi.setTags(new ArrayList<>(ApiTags.ALL));
      ModelConverters.getInstance(true)
          .readAll(new AnnotatedType(ProblemView.class))
          .forEach(components::addSchemas);
      sharedResponses().forEach(components::addResponses);
      readOnlySessionsAreForbiddenToChange(openApi);
    };
  }

  /**
   * A read-only session of the users' page may only read: every route of a user's own resources
   * that changes something answers it 403, whatever the controller documents.
   */
  private static void readOnlySessionsAreForbiddenToChange(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) -> {
              if (OWNERS_ROUTES.stream().noneMatch(path::startsWith)) {
                return;
              }
              item.readOperationsMap()
                  .forEach(
                      (method, operation) -> {
                        ApiResponses responses = operation.getResponses();
                        if (method == PathItem.HttpMethod.GET
                            || method == PathItem.HttpMethod.HEAD
                            || responses == null
                            || responses.containsKey("403")) {
                          return;
                        }
                        ApiResponses sorted = new ApiResponses();
                        responses.put("403", new ApiResponse().$ref(ProblemResponses.FORBIDDEN));
                        responses.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .forEach(
                                entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
                        operation.setResponses(sorted);
                      });
            });
  }

  private static Map<String, ApiResponse> sharedResponses() {
    Map<String, ApiResponse> responses = new LinkedHashMap<>();
    responses.put(
        ProblemResponses.BAD_REQUEST,
        problem(
            "The request is invalid: a field breaks a rule (each one is named in `errors`), or the"
                + " body is not JSON.",
            Map.of(
                "validation-failed",
                example(
                    "validation-failed",
                    "Validation failed",
                    400,
                    "The request has invalid fields.",
                    List.of(
                        Map.of(
                            "field",
                            "events[0]",
                            "message",
                            "is not a known event type (see GET /api/event-types)"))),
                "malformed-json",
                example(
                    "malformed-json",
                    "Malformed JSON",
                    400,
                    "The request body is not valid JSON.",
                    null))));
    responses.put(
        ProblemResponses.UNAUTHORIZED,
        problem(
            "No bearer token, or one that is malformed, expired, badly signed or without a"
                + " subject. The answer carries `WWW-Authenticate: Bearer`.",
            Map.of(
                "unauthorized",
                example(
                    "unauthorized",
                    "Unauthorized",
                    401,
                    "A valid bearer token is required.",
                    null))));
    responses.put(
        ProblemResponses.FORBIDDEN,
        problem(
            "The token is valid but lacks the scope this route needs, or it is a read-only"
                + " session of the users' page and the request would change something.",
            Map.of(
                "forbidden",
                example(
                    "forbidden",
                    "Forbidden",
                    403,
                    "The token lacks the scope this route needs.",
                    null))));
    responses.put(
        ProblemResponses.NOT_FOUND,
        problem(
            "No such resource for this user. Another user's resource is answered the same way, so"
                + " the answer never tells whether it exists.",
            Map.of(
                "not-found",
                example("not-found", "Not found", 404, "Endpoint was not found.", null))));
    responses.put(
        ProblemResponses.PAYLOAD_TOO_LARGE,
        problem(
            "The body is larger than the route's limit: 256 KiB for `POST /api/events`, 64 KiB"
                + " elsewhere.",
            Map.of(
                "payload-too-large",
                example(
                    "payload-too-large",
                    "Payload too large",
                    413,
                    "The request body is larger than the limit of 65536 bytes for this route.",
                    null))));
    responses.put(
        ProblemResponses.UNSUPPORTED_MEDIA_TYPE,
        problem(
            "The body is not sent as `application/json`.",
            Map.of(
                "unsupported-media-type",
                example(
                    "unsupported-media-type",
                    "Unsupported media type",
                    415,
                    "Content-Type 'text/plain' is not supported.",
                    null))));
    responses.put(
        ProblemResponses.RATE_LIMITED,
        problem(
                "Too many of these requests for this endpoint within the last minute"
                    + " (`WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE`, 10 by default); nothing was sent,"
                    + " written or started.",
                Map.of(
                    "rate-limited",
                    example(
                        "rate-limited",
                        "Too many requests",
                        429,
                        "At most 10 of these requests per endpoint within a minute; try again in"
                            + " 42 seconds.",
                        null)))
            .addHeaderObject(
                "Retry-After",
                new Header()
                    .description("Whole seconds until the next one is accepted.")
                    .schema(new Schema<>().type("integer"))));
    return responses;
  }

  private static ApiResponse problem(String description, Map<String, Example> examples) {
    MediaType body =
        new MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/" + ProblemResponses.SCHEMA));
    examples.forEach(body::addExamples);
    return new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(ProblemResponses.MEDIA_TYPE, body));
  }

  private static Example example(
      String slug, String title, int status, String detail, List<Map<String, String>> errors) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("type", PROBLEMS + slug);
    value.put("title", title);
    value.put("status", status);
    value.put("detail", detail);
    if (errors != null) {
      value.put("errors", errors);
    }
    return new Example().summary(title).value(value);
  }

  /** The api jar's version from its manifest; {@code dev} when run from classes. */
  private static String version() {
    String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
