package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.web.ApiTimes;
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
class PortalSessionController {

  record LinkView(String url, String userId, boolean readOnly, String expiresAt) {}

  record SessionView(String token, String userId, boolean readOnly, String expiresAt) {}

  private final PortalSessions sessions;

  PortalSessionController(PortalSessions sessions) {
    this.sessions = sessions;
  }

  @PostMapping(path = "/api/portal-sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<LinkView> create(@RequestBody JsonNode body) {
    PortalSessionRequest request = PortalSessionRequest.parse(body);
    PortalLink link = sessions.open(request.userId(), request.ttl(), request.readOnly());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new LinkView(
                link.url(), link.userId(), link.readOnly(), ApiTimes.format(link.expiresAt())));
  }

  /** Ends every session of the user at once; answers 204 whether or not one was open. */
  @DeleteMapping("/api/portal-sessions")
  ResponseEntity<Void> endAll(@RequestParam String userId) {
    if (userId.isEmpty() || userId.length() > PortalSessions.USER_ID_MAX) {
      throw ApiException.validation("userId", "must be 1 to 128 characters");
    }
    sessions.endAll(userId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/api/portal-sessions/exchange", consumes = MediaType.APPLICATION_JSON_VALUE)
  SessionView exchange(@RequestBody JsonNode body) {
    JsonNode code = body == null ? null : body.get("code");
    if (code == null || !code.isString() || code.stringValue().isEmpty()) {
      throw ApiException.validation("code", "is required");
    }
    if (code.stringValue().length() > 256) {
      throw ApiException.validation("code", "is too long to be a link's code");
    }
    PortalSessions.ExchangedSession exchanged = sessions.exchange(code.stringValue());
    return new SessionView(
        exchanged.token(),
        exchanged.session().userId(),
        exchanged.session().readOnly(),
        ApiTimes.format(exchanged.session().expiresAt()));
  }
}
