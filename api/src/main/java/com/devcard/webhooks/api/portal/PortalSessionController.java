package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.api.web.InputRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Magic links to the users' web page, made and ended by the DevCard backend (scope {@code
 * webhooks:portal}), and the exchange of a link's code for a session token, which needs no token.
 */
@RestController
@Tag(name = ApiTags.PORTAL)
class PortalSessionController {

  static final int CODE_MAX = 256;

  private static final String USER_ID_EXAMPLE = "u_42";
  private static final String EXPIRES_EXAMPLE = "2026-11-28T11:15:30.123Z";

  @Schema(name = "PortalLink", description = "A magic link to the user's webhook page.")
  record LinkView(
      @Schema(
              description =
                  "The page, with the link's single-use code in its fragment. It opens the page"
                      + " once, within 5 minutes: make one for every page view, and never log,"
                      + " cache or e-mail it.",
              example =
                  "https://webhooks.devcard.dev/portal"
                      + "#code=wpc_Jx3kVQm0c2Yx8tL1pQe7rS9uW4zA6bD5fH0jK2nM3oP")
          String url,
      @Schema(description = "The user whose page it opens.", example = USER_ID_EXAMPLE)
          String userId,
      @Schema(description = "True when the session can look but not change anything.")
          boolean readOnly,
      @Schema(
              description = "When the session the link opens ends, however long it stays open.",
              example = EXPIRES_EXAMPLE)
          String expiresAt) {

    // Frameworks log response values at debug level: never with the link's code in them.
    @Override
    public String toString() {
      return hidingSecret("LinkView", "url", userId, readOnly, expiresAt);
    }
  }

  @Schema(name = "PortalSession", description = "A session of the users' page, opened by a link.")
  record SessionView(
      @Schema(
              description =
                  "The session token (`wps_...`): the page sends it as `Authorization: Bearer` on"
                      + " the routes above, where it acts as its user, with no scope. Keep it in"
                      + " the page's session storage, nowhere else.",
              example = "wps_7QeLw2Zr5Kc9Xn1Vb4Hs8Tm0Pj6Fd3Ga2Yu5Ri7Oe9")
          String token,
      @Schema(description = "The user the session acts as.", example = USER_ID_EXAMPLE)
          String userId,
      @Schema(description = "True when only GET requests are allowed.") boolean readOnly,
      @Schema(
              description = "When the session ends; requests after it are answered 401.",
              example = EXPIRES_EXAMPLE)
          String expiresAt) {

    // Frameworks log response values at debug level: never with the token in them.
    @Override
    public String toString() {
      return hidingSecret("SessionView", "token", userId, readOnly, expiresAt);
    }
  }

  /** A view's text for the logs, its secret field (the link's code, the token) hidden. */
  private static String hidingSecret(
      String view, String secretField, String userId, boolean readOnly, String expiresAt) {
    return view
        + "["
        + secretField
        + "=<hidden>, userId="
        + userId
        + ", readOnly="
        + readOnly
        + ", expiresAt="
        + expiresAt
        + "]";
  }

  @Schema(name = "PortalSessionRequest", description = "Whose page the link opens, and how.")
  record LinkRequestBody(
      @Schema(
              description =
                  "The DevCard user, 1 to 128 characters: the same id as `sub` in that user's"
                      + " tokens and `userId` in reported events.",
              example = USER_ID_EXAMPLE,
              requiredMode = Schema.RequiredMode.REQUIRED)
          String userId,
      @Schema(
              description =
                  "How long the session lasts once opened, counted from now: 60 to 86400"
                      + " seconds, 3600 when absent.",
              example = "3600")
          Long ttlSeconds,
      @Schema(
              description =
                  "True for a session that can look but not change anything (every request but"
                      + " GET is 403); false when absent.",
              example = "false")
          Boolean readOnly) {}

  /** Bound as it is, so that Spring's debug log of the body it read shows no code. */
  @Schema(name = "PortalCodeExchange", description = "The code of a magic link.")
  record ExchangeBody(
      @Schema(
              description = "The code from the link's fragment, after `#code=`.",
              example = "wpc_Jx3kVQm0c2Yx8tL1pQe7rS9uW4zA6bD5fH0jK2nM3oP",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String code) {

    @Override
    public String toString() {
      return "ExchangeBody[code=<hidden>]";
    }
  }

  private final PortalSessions sessions;

  PortalSessionController(PortalSessions sessions) {
    this.sessions = sessions;
  }

  @Operation(
      operationId = "createPortalSession",
      summary = "Make a magic link to a user's webhook page",
      description =
          """
          For the DevCard backend (scope `webhooks:portal`): a link to the page at `/portal` \
          where the user manages their own endpoints and reads their delivery log. Show it in an \
          iframe of DevCard's settings page, or link to it. The link's code works once, within 5 \
          minutes, and opens a session of the user that ends `ttlSeconds` from now; a \
          `readOnly` session may only read. The page then calls the routes above with its \
          session token, under the same rules as the user's own token.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = LinkRequestBody.class))))
  @ApiResponse(
      responseCode = "201",
      description = "The link, and when the session it opens ends.",
      content = @Content(schema = @Schema(implementation = LinkView.class)))
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/api/portal-sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<LinkView> create(@RequestBody JsonNode body) {
    PortalSessionRequest request = PortalSessionRequest.parse(body);
    PortalLink link = sessions.open(request.userId(), request.ttl(), request.readOnly());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new LinkView(
                link.url(), link.userId(), link.readOnly(), ApiTimes.format(link.expiresAt())));
  }

  @Operation(
      operationId = "endPortalSessions",
      summary = "End every session of a user's webhook page",
      description =
          """
          For the DevCard backend (scope `webhooks:portal`), on sign-out everywhere, a password \
          change, a removed team member or a deleted account: every session of the user, and \
          every link of theirs not yet opened, stops working at once. An open page's next \
          request is answered 401 and the page closes itself. Answered 204 whether or not a \
          session was open.""")
  @ApiResponse(responseCode = "204", description = "No session of the user is open any more.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @DeleteMapping("/api/portal-sessions")
  ResponseEntity<Void> endAll(
      @Parameter(
              description = "The user whose sessions end, 1 to 128 characters.",
              example = USER_ID_EXAMPLE)
          @RequestParam
          String userId) {
    if (userId.isEmpty() || userId.length() > PortalSessions.USER_ID_MAX) {
      throw ApiException.validation("userId", "must be 1 to 128 characters");
    }
    if (InputRules.hasControlCharacters(userId)) {
      throw ApiException.validation("userId", InputRules.CONTROL_CHARACTERS);
    }
    sessions.endAll(userId);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "exchangePortalCode",
      summary = "Open a session with a magic link's code",
      description =
          """
          Called by the page itself, with no bearer token: the link's code is the credential. \
          The first exchange of a code within 5 minutes of its link opens a session of the \
          link's user, and answers its token; every later one is refused, even while the first \
          is being answered. A refused code is answered with a problem of type \
          `https://devcard.dev/problems/portal-link-invalid` whose member `reason` says why, \
          for the page to show.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = ExchangeBody.class))))
  @SecurityRequirements
  @ApiResponse(responseCode = "200", description = "The session, and its token.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(
      responseCode = "401",
      description =
          "A bearer token was sent and is not valid. This route needs none: send no"
              + " `Authorization` header.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(
      responseCode = "404",
      description = "No link has this code (`reason`: `unknown`): it was not copied whole.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA),
              examples =
                  @ExampleObject(
                      name = "unknown",
                      value =
                          """
                          {"type": "https://devcard.dev/problems/portal-link-invalid", \
                          "title": "Link not recognised", "status": 404, "detail": "This link \
                          is not valid: check that it was copied whole, or ask for a new \
                          link.", "reason": "unknown"}""")))
  @ApiResponse(
      responseCode = "410",
      description =
          "The link opens nothing any more (`reason`): it was `used` already, it `expired` (5"
              + " minutes after it was made), or the user's sessions were `ended` since.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA),
              examples =
                  @ExampleObject(
                      name = "used",
                      value =
                          """
                          {"type": "https://devcard.dev/problems/portal-link-invalid", \
                          "title": "Link already used", "status": 410, "detail": "This link \
                          was used already: each link opens the page once. Ask for a new \
                          link.", "reason": "used"}""")))
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/api/portal-sessions/exchange", consumes = MediaType.APPLICATION_JSON_VALUE)
  SessionView exchange(@RequestBody ExchangeBody body) {
    PortalSessions.ExchangedSession exchanged = sessions.exchange(codeOf(body));
    return new SessionView(
        exchanged.token(),
        exchanged.session().userId(),
        exchanged.session().readOnly(),
        ApiTimes.format(exchanged.session().expiresAt()));
  }

  private static String codeOf(ExchangeBody body) {
    String code = body == null ? null : body.code();
    if (code == null || code.isEmpty()) {
      throw ApiException.validation("code", "is required");
    }
    if (code.length() > CODE_MAX) {
      throw ApiException.validation("code", "is too long to be a link's code");
    }
    return code;
  }
}
