package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.ProductionApiTest;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.app.TestUser;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A corpus of hostile requests through the API, with the production target rules: forbidden targets
 * in every encoding, broken and oversized JSON, wrong content types, control characters, forged
 * tokens, another user's ids. Each one gets the right 4xx as problem+json, never a 5xx, and leaves
 * every table exactly as it was.
 */
@ProductionApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

  private static final String PUBLIC_TARGET = "https://93.184.216.34/hook";

  private static final String VALIDATION = "/validation-failed";
  private static final String MALFORMED = "/malformed-json";
  private static final String TOO_LARGE = "/payload-too-large";
  private static final String MEDIA_TYPE = "/unsupported-media-type";
  private static final String UNAUTHORIZED = "/unauthorized";
  private static final String FORBIDDEN = "/forbidden";
  private static final String NOT_FOUND = "/not-found";
  private static final String METHOD = "/method-not-allowed";

  /** What every case may use: clients, tokens, and the ids of two users. */
  record Target(
      ApiClient api,
      RawHttp raw,
      TestTokens tokens,
      HostileTokens hostile,
      String attacker,
      String attackerToken,
      String attackerEndpoint,
      String publisher,
      String victimEndpoint,
      String victimDelivery) {

    Response create(String json) {
      return api.post("/api/webhooks", attackerToken, json);
    }

    Response createRaw(String contentType, byte[] body) {
      return api.raw("POST", "/api/webhooks", attackerToken, contentType, body);
    }

    Response publish(String json) {
      return api.post("/api/events", publisher, json);
    }

    Response get(String path) {
      return api.get(path, attackerToken);
    }

    Response get(String path, String token) {
      return api.get(path, token);
    }

    String admin() {
      return tokens.withScope(attacker, "webhooks:admin");
    }

    Response withAuthorization(String authorization) {
      return raw.send("GET", "/api/webhooks", Map.of("Authorization", authorization), null, false);
    }

    Response createWithToken(String token) {
      return api.post("/api/webhooks", token, endpointJson(PUBLIC_TARGET));
    }
  }

  record Case(String name, int status, String type, Function<Target, Response> request) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Autowired AppClient app;
  @Autowired JdbcClient jdbc;

  Target target;
  String victimToken;

  @BeforeAll
  void createUsers() {
    TestUser attacker = app.newUser("attacker");
    TestUser victim = app.newUser("victim");
    victimToken = victim.token();
    String attackerEndpoint = app.createEndpoint(attacker.token(), PUBLIC_TARGET);
    String victimEndpoint = app.createEndpoint(victimToken, PUBLIC_TARGET);
    target =
        new Target(
            app,
            new RawHttp(app.port()),
            app.tokens(),
            new HostileTokens(app.jwtSecret()),
            attacker.id(),
            attacker.token(),
            attackerEndpoint,
            app.publisher(),
            victimEndpoint,
            finishedDeliveryOf(victim.id(), victimEndpoint));
  }

  @AfterAll
  void victimsEndpointIsUntouched() {
    Response endpoint = target.api().get("/api/webhooks/" + target.victimEndpoint(), victimToken);
    assertThat(endpoint.status()).isEqualTo(200);
    assertThat(endpoint.json().get("isActive").asBoolean()).isTrue();
    assertThat(endpoint.json().get("url").asString()).isEqualTo(PUBLIC_TARGET);
    assertThat(endpoint.json().get("createdAt")).isEqualTo(endpoint.json().get("updatedAt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRefusedWithAProblemAndWritesNothing(Case hostile) {
    Map<String, Long> before = rowCounts();

    Response response = hostile.request().apply(target);

    assertThat(response.status())
        .as("status; body %s", response.body())
        .isEqualTo(hostile.status());
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("status").asInt()).isEqualTo(hostile.status());
    assertThat(response.problemType()).endsWith(hostile.type());
    assertThat(response.json().has("title")).isTrue();
    assertThat(response.json().has("detail")).isTrue();
    assertThat(response.body())
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("at com.", "at org.", "SQL", "whsec_");
    assertThat(rowCounts()).as("rows per table").isEqualTo(before);
  }

  @Test
  void theCorpusHasAtLeastSixtyCases() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
  }

  static Stream<Case> corpus() {
    return Stream.of(
            forbiddenTargets(),
            brokenJson(),
            oversizedBodies(),
            wrongContentTypes(),
            fieldValues(),
            events(),
            tokens(),
            scopes(),
            anotherUsersIds(),
            rejectedPaths(),
            queriesAndMethods(),
            valuesTheDatabaseCannotHold())
        .flatMap(List::stream);
  }

  private static List<Case> forbiddenTargets() {
    List<String> urls =
        new ArrayList<>(
            List.of(
                "https://127.1/hook",
                "https://2130706433/hook",
                "https://0x7f000001/hook",
                "https://017700000001/hook",
                "https://0177.0.0.1/hook",
                "https://0x7f.0.0.1/hook",
                "https://127.0.0.1:8443/hook",
                "https://[::1]/hook",
                "https://[0:0:0:0:0:0:0:1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[::ffff:7f00:1]/hook",
                "https://0.0.0.0/hook",
                "https://[::]/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://0xa9fea9fe/latest/meta-data/",
                "https://[fd00:ec2::254]/latest/meta-data/",
                "https://[fe80::1]/hook",
                "https://100.64.0.1/hook",
                "https://10.0.0.1/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://224.0.0.1/hook",
                "https://255.255.255.255/hook",
                "https://localhost/hook",
                "https://" + loopbackHostName() + "/hook",
                "http://93.184.216.34/hook",
                "https://user:pass@93.184.216.34/hook",
                "https://93.184.216.34/hook#fragment",
                "ftp://93.184.216.34/hook",
                "javascript:alert(1)",
                "/relative/hook",
                "https://%31%32%37.0.0.1/hook",
                "https://93.184.216.34/" + "a".repeat(2100)));
    return urls.stream()
        .map(
            url ->
                new Case(
                    "target " + abbreviate(url), 400, VALIDATION, t -> t.create(endpointJson(url))))
        .toList();
  }

  private static List<Case> brokenJson() {
    String valid = endpointJson(PUBLIC_TARGET);
    return List.of(
        new Case("truncated JSON", 400, MALFORMED, t -> t.create("{\"url\": ")),
        new Case("garbage after the object", 400, MALFORMED, t -> t.create(valid + " {}")),
        new Case(
            "duplicate key",
            400,
            MALFORMED,
            t -> t.create("{\"url\": \"" + PUBLIC_TARGET + "\", \"url\": \"https://127.0.0.1/\"}")),
        new Case("single quotes", 400, MALFORMED, t -> t.create("{'url': 'https://x.test/'}")),
        new Case("a comment", 400, MALFORMED, t -> t.create("{/* hi */ \"url\": \"x\"}")),
        new Case("NaN", 400, MALFORMED, t -> t.create("{\"description\": NaN}")),
        new Case("empty body", 400, MALFORMED, t -> t.createRaw("application/json", new byte[0])),
        new Case("literal null", 400, MALFORMED, t -> t.create("null")),
        new Case(
            "invalid UTF-8",
            400,
            MALFORMED,
            t ->
                t.createRaw(
                    "application/json",
                    concat(
                        "{\"url\": \"https://93.184.216.34/h",
                        new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\", \"events\": [\"card.viewed\"]}"))),
        new Case(
            "nesting 5,000 deep",
            400,
            MALFORMED,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.attackerEndpoint(),
                        t.attackerToken(),
                        "{\"description\": " + "[".repeat(5000) + "]".repeat(5000) + "}")),
        new Case(
            "event data nesting 100,000 deep",
            400,
            MALFORMED,
            t ->
                t.publish(
                    "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {\"a\": "
                        + "[".repeat(100_000)
                        + "]".repeat(100_000)
                        + "}}")),
        new Case(
            "a number of 5,000 digits",
            400,
            MALFORMED,
            t ->
                t.publish(
                    "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {\"n\": "
                        + "9".repeat(5000)
                        + "}}")));
  }

  private static List<Case> oversizedBodies() {
    byte[] bigEndpoint =
        ("{\"url\": \"" + PUBLIC_TARGET + "\", \"description\": \"" + "x".repeat(70_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] bigEvent =
        ("{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {\"x\": \""
                + "y".repeat(300 * 1024)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] hugeEvent = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(hugeEvent, (byte) ' ');
    return List.of(
        new Case(
            "endpoint body of 70 KB",
            413,
            TOO_LARGE,
            t -> t.createRaw("application/json", bigEndpoint)),
        new Case(
            "endpoint body of 70 KB, chunked",
            413,
            TOO_LARGE,
            t ->
                t.raw()
                    .send(
                        "POST",
                        "/api/webhooks",
                        Map.of(
                            "Authorization",
                            "Bearer " + t.attackerToken(),
                            "Content-Type",
                            "application/json"),
                        bigEndpoint,
                        true)),
        new Case(
            "event of 300 KB",
            413,
            TOO_LARGE,
            t -> t.api().raw("POST", "/api/events", t.publisher(), "application/json", bigEvent)),
        new Case(
            "event of 300 KB, chunked",
            413,
            TOO_LARGE,
            t ->
                t.raw()
                    .send(
                        "POST",
                        "/api/events",
                        Map.of(
                            "Authorization",
                            "Bearer " + t.publisher(),
                            "Content-Type",
                            "application/json"),
                        bigEvent,
                        true)),
        new Case(
            "event of 10 MB",
            413,
            TOO_LARGE,
            t -> t.api().raw("POST", "/api/events", t.publisher(), "application/json", hugeEvent)));
  }

  private static List<Case> wrongContentTypes() {
    byte[] valid = endpointJson(PUBLIC_TARGET).getBytes(StandardCharsets.UTF_8);
    List<Case> cases = new ArrayList<>();
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json-patch+json")) {
      cases.add(new Case("endpoint as " + type, 415, MEDIA_TYPE, t -> t.createRaw(type, valid)));
    }
    cases.add(
        new Case(
            "endpoint without a content type", 415, MEDIA_TYPE, t -> t.createRaw(null, valid)));
    cases.add(
        new Case(
            "event as text/plain",
            415,
            MEDIA_TYPE,
            t ->
                t.api()
                    .raw(
                        "POST",
                        "/api/events",
                        t.publisher(),
                        "text/plain",
                        "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}}"
                            .getBytes(StandardCharsets.UTF_8))));
    cases.add(
        new Case(
            "change as text/plain",
            415,
            MEDIA_TYPE,
            t ->
                t.api()
                    .raw(
                        "PATCH",
                        "/api/webhooks/" + t.attackerEndpoint(),
                        t.attackerToken(),
                        "text/plain",
                        "{\"isActive\": false}".getBytes(StandardCharsets.UTF_8))));
    return cases;
  }

  private static List<Case> fieldValues() {
    List<Case> cases = new ArrayList<>();
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("description of 257 characters", withDescription("d".repeat(257)));
    bodies.put("description of 300 accented letters", withDescription("é".repeat(300)));
    bodies.put("NUL in the description", withDescription("a\\u0000b"));
    bodies.put("terminal escape in the description", withDescription("\\u001b[31mred"));
    bodies.put("newline in the description", withDescription("line\\nbreak"));
    bodies.put("no events", "{\"url\": \"" + PUBLIC_TARGET + "\", \"events\": []}");
    bodies.put(
        "51 events",
        "{\"url\": \""
            + PUBLIC_TARGET
            + "\", \"events\": ["
            + "\"card.viewed\",".repeat(50)
            + "\"card.viewed\"]}");
    bodies.put(
        "an event twice",
        "{\"url\": \"" + PUBLIC_TARGET + "\", \"events\": [\"card.viewed\", \"card.viewed\"]}");
    bodies.put(
        "a look-alike event type",
        "{\"url\": \"" + PUBLIC_TARGET + "\", \"events\": [\"c\u0430rd.viewed\"]}");
    bodies.put(
        "events as a string", "{\"url\": \"" + PUBLIC_TARGET + "\", \"events\": \"card.viewed\"}");
    bodies.put("a null event", "{\"url\": \"" + PUBLIC_TARGET + "\", \"events\": [null]}");
    bodies.put("no url", "{\"events\": [\"card.viewed\"]}");
    bodies.put("url as an object", "{\"url\": {\"host\": \"x\"}, \"events\": [\"card.viewed\"]}");
    bodies.put(
        "a userId smuggled in",
        "{\"url\": \""
            + PUBLIC_TARGET
            + "\", \"events\": [\"card.viewed\"], \"userId\": \"victim\"}");
    bodies.put(
        "a secret smuggled in",
        "{\"url\": \""
            + PUBLIC_TARGET
            + "\", \"events\": [\"card.viewed\"], \"secret\": \"whsec_AAAA\"}");
    bodies.put("an array body", "[]");
    bodies.forEach(
        (name, body) -> cases.add(new Case(name, 400, badRequestType(name), t -> t.create(body))));
    cases.add(
        new Case(
            "change to a forbidden target",
            400,
            VALIDATION,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.attackerEndpoint(),
                        t.attackerToken(),
                        "{\"url\": \"https://127.1/\"}")));
    cases.add(
        new Case(
            "change of the secret",
            400,
            VALIDATION,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.attackerEndpoint(),
                        t.attackerToken(),
                        "{\"secret\": \"whsec_AAAA\"}")));
    cases.add(
        new Case(
            "isActive as a string",
            400,
            VALIDATION,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.attackerEndpoint(),
                        t.attackerToken(),
                        "{\"isActive\": \"no\"}")));
    return cases;
  }

  private static List<Case> events() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put(
        "unknown event type", "{\"userId\": \"u1\", \"type\": \"card.liked\", \"data\": {}}");
    bodies.put("no event type", "{\"userId\": \"u1\", \"data\": {}}");
    bodies.put("no userId", "{\"type\": \"card.viewed\", \"data\": {}}");
    bodies.put(
        "userId of 129 characters",
        "{\"userId\": \"" + "u".repeat(129) + "\", \"type\": \"card.viewed\", \"data\": {}}");
    bodies.put(
        "control character in userId",
        "{\"userId\": \"u\\u0007\", \"type\": \"card.viewed\", \"data\": {}}");
    bodies.put("userId as a number", "{\"userId\": 42, \"type\": \"card.viewed\", \"data\": {}}");
    bodies.put(
        "event id of 129 characters",
        "{\"id\": \""
            + "e".repeat(129)
            + "\", \"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}}");
    bodies.put(
        "control character in the event id",
        "{\"id\": \"e\\r\\n1\", \"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}}");
    bodies.put(
        "data as an array", "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": [1]}");
    bodies.put(
        "data as a string", "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": \"x\"}");
    bodies.put("no data", "{\"userId\": \"u1\", \"type\": \"card.viewed\"}");
    bodies.put(
        "an unknown field",
        "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}, \"endpointId\": \"x\"}");
    return bodies.entrySet().stream()
        .map(
            entry ->
                new Case(
                    "event with " + entry.getKey(),
                    400,
                    VALIDATION,
                    t -> t.publish(entry.getValue())))
        .toList();
  }

  private static List<Case> tokens() {
    return List.of(
        new Case(
            "no token",
            401,
            UNAUTHORIZED,
            t -> t.raw().send("GET", "/api/webhooks", Map.of(), null, false)),
        new Case("empty bearer", 401, UNAUTHORIZED, t -> t.withAuthorization("Bearer ")),
        new Case(
            "basic credentials", 401, UNAUTHORIZED, t -> t.withAuthorization("Basic dXNlcjpwYXNz")),
        new Case("not a JWT", 401, UNAUTHORIZED, t -> t.withAuthorization("Bearer not-a-jwt")),
        new Case(
            "five garbage parts", 401, UNAUTHORIZED, t -> t.withAuthorization("Bearer a.b.c.d.e")),
        new Case(
            "alg none",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().unsigned("none", t.attacker()))),
        new Case(
            "alg None",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().unsigned("None", t.attacker()))),
        new Case(
            "alg nOnE",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().unsigned("nOnE", t.attacker()))),
        new Case(
            "HS512 with the right secret",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().withHmac(JWSAlgorithm.HS512, t.attacker()))),
        new Case(
            "HS384 with the right secret",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().withHmac(JWSAlgorithm.HS384, t.attacker()))),
        new Case(
            "RS256 with an unknown key",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().rs256UnknownKey(t.attacker()))),
        new Case(
            "ES256 with an unknown key",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().es256UnknownKey(t.attacker()))),
        new Case(
            "HS256 with another secret",
            401,
            UNAUTHORIZED,
            t ->
                t.createWithToken(
                    t.tokens().signedWith("another-secret-of-at-least-32-bytes!!", t.attacker()))),
        new Case(
            "expired", 401, UNAUTHORIZED, t -> t.createWithToken(t.tokens().expired(t.attacker()))),
        new Case(
            "not valid yet",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().notYetValid(t.attacker()))),
        new Case(
            "no expiry",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.tokens().sign(t.attacker(), null, null))),
        new Case(
            "no subject",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.tokens().sign(null, null, Instant.now().plusSeconds(600)))),
        new Case(
            "subject of 129 characters",
            401,
            UNAUTHORIZED,
            t ->
                t.createWithToken(
                    t.tokens().sign("s".repeat(129), null, Instant.now().plusSeconds(600)))),
        // The subject is the user id every query filters on: NUL would reach the database.
        new Case(
            "subject with NUL",
            401,
            UNAUTHORIZED,
            t -> t.get("/api/webhooks", t.hostile().withSubject(t.attacker() + "\u0000"))),
        new Case(
            "subject of NUL alone",
            401,
            UNAUTHORIZED,
            t -> t.get("/api/webhooks", t.hostile().withSubject("\u0000"))),
        new Case(
            "subject with an escape character",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().withSubject(t.attacker() + "\u001b[2J"))),
        new Case(
            "payload swapped for the victim's",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().tamperedSubject(t.attackerToken(), "victim"))),
        new Case(
            "signature cut off",
            401,
            UNAUTHORIZED,
            t -> t.createWithToken(t.hostile().withoutSignature(t.attackerToken()))),
        new Case(
            "token in the query string",
            401,
            UNAUTHORIZED,
            t ->
                t.raw()
                    .send(
                        "GET",
                        "/api/webhooks?access_token=" + t.attackerToken(),
                        Map.of(),
                        null,
                        false)));
  }

  private static List<Case> scopes() {
    String event = "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}}";
    return List.of(
        new Case(
            "user token publishing an event",
            403,
            FORBIDDEN,
            t -> t.api().post("/api/events", t.attackerToken(), event)),
        new Case(
            "near-miss scope publishing an event",
            403,
            FORBIDDEN,
            t ->
                t.api()
                    .post(
                        "/api/events",
                        t.tokens().withScope(t.attacker(), "events:publisher"),
                        event)),
        new Case(
            "upper-case scope publishing an event",
            403,
            FORBIDDEN,
            t ->
                t.api()
                    .post(
                        "/api/events",
                        t.tokens().withScope(t.attacker(), "EVENTS:PUBLISH"),
                        event)),
        new Case(
            "user token on the admin recovery",
            403,
            FORBIDDEN,
            t -> t.api().post("/api/admin/recover", t.attackerToken(), "{}")),
        new Case(
            "publisher token on the admin recovery",
            403,
            FORBIDDEN,
            t -> t.api().post("/api/admin/recover", t.publisher(), "{}")),
        new Case(
            "user token cancelling a delivery as admin",
            403,
            FORBIDDEN,
            t ->
                t.api()
                    .post(
                        "/api/admin/deliveries/" + t.victimDelivery() + "/cancel",
                        t.attackerToken(),
                        "")));
  }

  private static List<Case> anotherUsersIds() {
    return List.of(
        new Case(
            "read the victim's endpoint",
            404,
            NOT_FOUND,
            t -> t.get("/api/webhooks/" + t.victimEndpoint())),
        new Case(
            "deactivate the victim's endpoint",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.victimEndpoint(),
                        t.attackerToken(),
                        "{\"isActive\": false}")),
        new Case(
            "redirect the victim's endpoint",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .patch(
                        "/api/webhooks/" + t.victimEndpoint(),
                        t.attackerToken(),
                        "{\"url\": \"https://93.184.216.35/steal\"}")),
        new Case(
            "delete the victim's endpoint",
            404,
            NOT_FOUND,
            t -> t.api().delete("/api/webhooks/" + t.victimEndpoint(), t.attackerToken())),
        new Case(
            "rotate the victim's secret",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .post(
                        "/api/webhooks/" + t.victimEndpoint() + "/rotate-secret",
                        t.attackerToken(),
                        "{}")),
        new Case(
            "send a test to the victim's endpoint",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .post("/api/webhooks/" + t.victimEndpoint() + "/test", t.attackerToken(), "")),
        new Case(
            "list the victim's deliveries",
            404,
            NOT_FOUND,
            t -> t.get("/api/webhooks/" + t.victimEndpoint() + "/deliveries")),
        new Case(
            "read the victim's delivery",
            404,
            NOT_FOUND,
            t ->
                t.get("/api/webhooks/" + t.victimEndpoint() + "/deliveries/" + t.victimDelivery())),
        new Case(
            "read the victim's delivery under one's own endpoint",
            404,
            NOT_FOUND,
            t ->
                t.get(
                    "/api/webhooks/" + t.attackerEndpoint() + "/deliveries/" + t.victimDelivery())),
        new Case(
            "retry the victim's delivery",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .post(
                        "/api/webhooks/"
                            + t.victimEndpoint()
                            + "/deliveries/"
                            + t.victimDelivery()
                            + "/retry",
                        t.attackerToken(),
                        "")),
        new Case(
            "retry the victim's delivery under one's own endpoint",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .post(
                        "/api/webhooks/"
                            + t.attackerEndpoint()
                            + "/deliveries/"
                            + t.victimDelivery()
                            + "/retry",
                        t.attackerToken(),
                        "")),
        new Case(
            "recover the victim's endpoint",
            404,
            NOT_FOUND,
            t ->
                t.api()
                    .post(
                        "/api/webhooks/" + t.victimEndpoint() + "/recover",
                        t.attackerToken(),
                        "{\"since\": \"2020-01-01T00:00:00Z\"}")),
        new Case(
            "an id that is SQL",
            404,
            NOT_FOUND,
            t ->
                t.get("/api/webhooks/" + URLEncoder.encode("' OR '1'='1", StandardCharsets.UTF_8))),
        new Case(
            "an id of 1,000 characters",
            404,
            NOT_FOUND,
            t -> t.get("/api/webhooks/" + "e".repeat(1000))),
        new Case(
            "an id with unicode",
            404,
            NOT_FOUND,
            t ->
                t.get(
                    "/api/webhooks/"
                        + URLEncoder.encode("ep_\u202ex\u00e9", StandardCharsets.UTF_8))));
  }

  /** Paths rejected before any controller runs: by Tomcat, or by the security firewall. */
  private static List<Case> rejectedPaths() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("an encoded NUL in an id", "/api/webhooks/ep%00x");
    paths.put("an encoded slash climbing out", "/api/webhooks/..%2F..%2Factuator%2Fhealth");
    paths.put("an encoded backslash", "/api/webhooks/a%5Cb");
    paths.put("a broken percent-escape", "/api/webhooks/a%");
    paths.put("an invalid UTF-8 escape", "/api/webhooks/%ff%fe");
    paths.put("a path parameter", "/api/webhooks;jsessionid=x/abc");
    paths.put("a double slash", "/api//webhooks");
    paths.put("a request line of 9 KB", "/api/webhooks/" + "a".repeat(9 * 1024));
    return paths.entrySet().stream()
        .map(
            entry ->
                new Case(
                    entry.getKey(),
                    400,
                    VALIDATION,
                    t -> t.raw().getVerbatim(entry.getValue(), t.attackerToken())))
        .toList();
  }

  private static List<Case> queriesAndMethods() {
    Function<String, Function<Target, Response>> list =
        query -> t -> t.get("/api/webhooks/" + t.attackerEndpoint() + "/deliveries?" + query);
    return List.of(
        new Case("limit 0", 400, VALIDATION, list.apply("limit=0")),
        new Case("limit 101", 400, VALIDATION, list.apply("limit=101")),
        new Case("limit -1", 400, VALIDATION, list.apply("limit=-1")),
        new Case("limit not a number", 400, VALIDATION, list.apply("limit=abc")),
        new Case("limit beyond an int", 400, VALIDATION, list.apply("limit=99999999999")),
        new Case("a forged cursor", 400, VALIDATION, list.apply("cursor=garbage!")),
        new Case(
            "a cursor of 5,000 characters",
            400,
            VALIDATION,
            list.apply("cursor=" + "A".repeat(5000))),
        new Case("an unknown status", 400, VALIDATION, list.apply("status=deleted")),
        new Case(
            "PUT on the collection",
            405,
            METHOD,
            t ->
                t.api()
                    .raw(
                        "PUT",
                        "/api/webhooks",
                        t.attackerToken(),
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8))),
        new Case(
            "DELETE on the collection",
            405,
            METHOD,
            t -> t.api().delete("/api/webhooks", t.attackerToken())),
        new Case(
            "GET on the events route",
            405,
            METHOD,
            t -> t.api().get("/api/events", t.publisher())));
  }

  /**
   * Values PostgreSQL cannot hold (a time outside 4713 BC to 294276 AD, NUL in text) or no id ever
   * holds (control characters): each is the client's mistake, a 400 naming it, never a 503 from the
   * database.
   */
  private static List<Case> valuesTheDatabaseCannotHold() {
    Function<String, Function<Target, Response>> list =
        raw ->
            t ->
                t.get(
                    "/api/webhooks/" + t.attackerEndpoint() + "/deliveries?cursor=" + cursor(raw));
    Function<String, Function<Target, Response>> recover =
        since ->
            t ->
                t.api()
                    .post(
                        "/api/webhooks/" + t.attackerEndpoint() + "/recover",
                        t.attackerToken(),
                        "{\"since\": \"" + since + "\"}");
    Function<String, Function<Target, Response>> operatorRecover =
        body -> t -> t.api().post("/api/admin/recover", t.admin(), body);
    Function<String, Function<Target, Response>> path =
        target -> t -> t.raw().getVerbatim(target, t.attackerToken());
    return List.of(
        new Case(
            "a cursor in the year 300000",
            400,
            VALIDATION,
            list.apply("+300000-01-01T00:00:00Z|dlv_x")),
        new Case(
            "a cursor in the year -5000",
            400,
            VALIDATION,
            list.apply("-5000-01-01T00:00:00Z|dlv_x")),
        new Case(
            "a cursor whose id holds NUL",
            400,
            VALIDATION,
            list.apply("2026-01-01T00:00:00Z|dlv_\u0000")),
        new Case(
            "a cursor whose id holds a control character",
            400,
            VALIDATION,
            list.apply("2026-01-01T00:00:00Z|dlv_\u0001")),
        new Case(
            "recover since the year 300000",
            400,
            VALIDATION,
            recover.apply("+300000-01-01T00:00:00Z")),
        new Case(
            "recover since the year -5000",
            400,
            VALIDATION,
            recover.apply("-5000-01-01T00:00:00Z")),
        new Case(
            "operator recovery since the year 300000",
            400,
            VALIDATION,
            operatorRecover.apply("{\"since\": \"+300000-01-01T00:00:00Z\"}")),
        new Case(
            "operator recovery for a userId with NUL",
            400,
            VALIDATION,
            operatorRecover.apply("{\"userId\": \"u\\u0000\"}")),
        new Case(
            "operator recovery for an endpointId with a control character",
            400,
            VALIDATION,
            operatorRecover.apply("{\"endpointId\": \"ep_\\u0007\"}")),
        new Case(
            "a control character in an id", 400, VALIDATION, path.apply("/api/webhooks/ep%01x")),
        new Case(
            "DEL in a delivery id",
            400,
            VALIDATION,
            t ->
                t.raw()
                    .getVerbatim(
                        "/api/webhooks/" + t.attackerEndpoint() + "/deliveries/dlv%7F",
                        t.attackerToken())),
        new Case(
            "a C1 control in a recovery id",
            400,
            VALIDATION,
            path.apply("/api/recoveries/rcv%C2%85")),
        new Case(
            "an escape character in an operator's recovery id",
            400,
            VALIDATION,
            t -> t.raw().getVerbatim("/api/admin/recoveries/rcv%1B", t.admin())));
  }

  private static String cursor(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Missing or mistyped values are validation failures; a body that is no object is malformed. */
  private static String badRequestType(String name) {
    return name.equals("an array body") ? MALFORMED : VALIDATION;
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_name not like 'databasechangelog%'"
                    + " order by table_name")
            .query(String.class)
            .list()) {
      // Table names come from the catalog above, never from a request.
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  private String finishedDeliveryOf(String user, String endpointId) {
    String eventId = "evt_hostile_" + UUID.randomUUID().toString().replace("-", "");
    String deliveryId = "dlv_hostile_" + UUID.randomUUID().toString().replace("-", "");
    // Written directly and already finished: no attempt will ever dial its public address.
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " values (:id, :user, 'card.viewed', '{}', now())")
        .param("id", eventId)
        .param("user", user)
        .update();
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type, status,"
                + " attempts, retry_delays_ms, workflow_started, created_at, updated_at)"
                + " values (:id, :endpoint, :user, :event, 'card.viewed', 'success', 1,"
                + " '{}', true, now(), now())")
        .param("id", deliveryId)
        .param("endpoint", endpointId)
        .param("user", user)
        .param("event", eventId)
        .update();
    return deliveryId;
  }

  static String endpointJson(String url) {
    return "{\"url\": \"" + url + "\", \"events\": [\"card.viewed\"]}";
  }

  private static String withDescription(String escapedJsonText) {
    return "{\"url\": \""
        + PUBLIC_TARGET
        + "\", \"events\": [\"card.viewed\"], \"description\": \""
        + escapedJsonText
        + "\"}";
  }

  /** This machine's own name when it resolves to a loopback address offline, else localhost. */
  private static String loopbackHostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      for (InetAddress address : InetAddress.getAllByName(name)) {
        if (!address.isLoopbackAddress()) {
          return "localhost";
        }
      }
      return name;
    } catch (UnknownHostException unresolved) {
      return "localhost";
    }
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    byte[] head = before.getBytes(StandardCharsets.UTF_8);
    byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + middle.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(middle, 0, all, head.length, middle.length);
    System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
    return all;
  }

  private static String abbreviate(String url) {
    return url.length() > 70 ? url.substring(0, 50) + "...(" + url.length() + " chars)" : url;
  }
}
