package com.devcard.webhooks.dev;

import com.devcard.webhooks.api.portal.PortalLink;
import com.devcard.webhooks.api.portal.PortalSessions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Prints, in the dev profile only, bearer tokens valid for a day: a demo user's, an application
 * service's with {@code events:publish} and {@code webhooks:portal}, and an operator's with {@code
 * webhooks:admin}. They are also written to {@code tokens.env} in the dev data folder, so {@code
 * source .devdata/tokens.env} sets them in a shell. Next to them, a magic link to the demo user's
 * web page, made in process by the same service as {@code POST /api/portal-sessions}.
 */
class DevTokens {

  static final String DEMO_USER = "demo-user";
  static final String SERVICE = "devcard-backend";
  static final String OPERATOR = "devcard-operator";
  static final String SERVICE_SCOPES = "events:publish webhooks:portal";
  static final Duration PORTAL_SESSION = Duration.ofHours(8);
  private static final Logger log = LoggerFactory.getLogger(DevTokens.class);

  private final String secret;
  private final String issuer;
  private final String audience;
  private final DevDataDirectory data;
  private final ObjectProvider<PortalSessions> portalSessions;

  DevTokens(Environment environment, ObjectProvider<PortalSessions> portalSessions) {
    this.portalSessions = portalSessions;
    // Only the secret the dev runtime made itself: never one the operator supplied.
    this.secret = environment.getProperty(DevRuntimeEnvironmentPostProcessor.DEV_JWT_SECRET, "");
    this.issuer = environment.getProperty("webhooks.jwt.issuer", "");
    this.audience = environment.getProperty("webhooks.jwt.audience", "");
    this.data =
        new DevDataDirectory(
            Path.of(
                environment.getProperty(DevRuntimeEnvironmentPostProcessor.DATA_DIR, ".devdata")));
  }

  @EventListener(ApplicationReadyEvent.class)
  void print() {
    printPortalLink();
    if (secret.isEmpty()) {
      log.info("a token secret or key set is configured: the dev runtime prints no tokens");
      return;
    }
    String user = sign(DEMO_USER, null);
    String service = sign(SERVICE, SERVICE_SCOPES);
    String operator = sign(OPERATOR, "webhooks:admin");
    data.write(
        "tokens.env",
        "export TOKEN="
            + user
            + "\nexport PUBLISH_TOKEN="
            + service
            + "\nexport ADMIN_TOKEN="
            + operator
            + "\n");
    log.info(
        """

        Dev tokens (valid 24 h; also in {}/tokens.env):
          demo user '{}':
            export TOKEN={}
          application service with scopes events:publish and webhooks:portal:
            export PUBLISH_TOKEN={}
          operator with scope webhooks:admin:
            export ADMIN_TOKEN={}
        """,
        data.root(),
        DEMO_USER,
        user,
        service,
        operator);
  }

  /** Only where the api runs in this process: a worker-only dev instance has no page. */
  private void printPortalLink() {
    PortalSessions sessions = portalSessions.getIfAvailable();
    if (sessions == null) {
      return;
    }
    PortalLink link = sessions.open(DEMO_USER, PORTAL_SESSION, false);
    log.info(
        """

        Webhooks page of '{}' (open it within 5 minutes, before {}; it works once):
          {}
        """,
        DEMO_USER,
        link.codeExpiresAt(),
        link.url());
  }

  String sign(String subject, String scope) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofDays(1))));
    if (scope != null) {
      claims.claim("scope", scope);
    }
    if (!issuer.isBlank()) {
      claims.issuer(issuer);
    }
    if (!audience.isBlank()) {
      claims.audience(audience);
    }
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException exception) {
      throw new IllegalStateException("dev token could not be signed", exception);
    }
  }
}
