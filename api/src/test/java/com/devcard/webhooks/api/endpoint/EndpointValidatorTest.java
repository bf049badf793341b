package com.devcard.webhooks.api.endpoint;

import static com.devcard.webhooks.api.Refusals.fieldsRefusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.TestTargets;
import com.devcard.webhooks.api.eventtype.TestEventTypes;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The field rules of an endpoint, on create and on change. */
class EndpointValidatorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String URL = TestTargets.publicUrl("in");

  private final EndpointValidator validator =
      new EndpointValidator(TestTargets.policy(), TestEventTypes.catalog());

  private NewEndpoint create(String url, List<String> events, String description) {
    return validator.validateCreate(
        "u_1", new CreateEndpointRequest(url, events, description, null));
  }

  private NewEndpoint createLimited(String rateLimitJson) {
    return validator.validateCreate(
        "u_1",
        new CreateEndpointRequest(
            URL,
            events("card.viewed"),
            null,
            JSON.readTree("{\"r\": " + rateLimitJson + "}").get("r")));
  }

  private EndpointChanges change(String json) {
    return validator.validateChanges(JSON.readTree(json));
  }

  private static List<String> events(String... types) {
    return Arrays.asList(types);
  }

  @Test
  void aValidEndpointIsTakenAsGivenWithABlankDescriptionDropped() {
    assertThat(create(URL, events("card.viewed", "contact.saved"), "  "))
        .isEqualTo(new NewEndpoint("u_1", URL, List.of("card.viewed", "contact.saved"), null));
  }

  @Test
  void aRateLimitOfOneToAThousandPerSecondIsTakenOnCreate() {
    assertThat(createLimited("1").rateLimit()).isEqualTo(1);
    assertThat(createLimited("1000").rateLimit()).isEqualTo(1000);
    assertThat(createLimited("null").rateLimit()).isNull();
  }

  @Test
  void aRateLimitOutOfRangeOrNotAWholeNumberIsRefused() {
    for (String refused :
        List.of("0", "1001", "-5", "2.5", "\"20\"", "true", "[20]", "9999999999")) {
      assertThat(fieldsRefusedBy(() -> createLimited(refused)))
          .as(refused)
          .containsExactly("rateLimit");
      assertThat(fieldsRefusedBy(() -> change("{\"rateLimit\": " + refused + "}")))
          .as(refused)
          .containsExactly("rateLimit");
    }
  }

  @Test
  void aChangeSetsOrClearsTheRateLimit() {
    assertThat(change("{\"rateLimit\": 20}").rateLimit()).contains(Optional.of(20));
    assertThat(change("{\"rateLimit\": null}").rateLimit()).contains(Optional.empty());
    assertThat(change("{\"description\": \"x\"}").rateLimit()).isEmpty();
  }

  @Test
  void releaseHeldIsTakenOnlyWithIsActiveTrue() {
    assertThat(change("{\"isActive\": true, \"releaseHeld\": false}").releaseHeld()).isFalse();
    assertThat(change("{\"isActive\": true}").releaseHeld()).isTrue();
    assertThat(fieldsRefusedBy(() -> change("{\"releaseHeld\": false}")))
        .containsExactly("releaseHeld");
    assertThat(fieldsRefusedBy(() -> change("{\"isActive\": false, \"releaseHeld\": false}")))
        .containsExactly("releaseHeld");
    assertThat(fieldsRefusedBy(() -> change("{\"isActive\": true, \"releaseHeld\": \"no\"}")))
        .containsExactly("releaseHeld");
  }

  @Test
  void theUrlIsRequired() {
    assertThat(fieldsRefusedBy(() -> create(null, events("card.viewed"), null)))
        .containsExactly("url");
    assertThat(fieldsRefusedBy(() -> create(" ", events("card.viewed"), null)))
        .containsExactly("url");
  }

  @Test
  void theUrlMustBeAnAllowedTarget() {
    assertThat(fieldsRefusedBy(() -> create("http://hooks.test/in", events("card.viewed"), null)))
        .containsExactly("url");
    assertThat(
            fieldsRefusedBy(() -> create("https://intranet.test/in", events("card.viewed"), null)))
        .containsExactly("url");
    assertThat(
            fieldsRefusedBy(() -> create("https://unknown.test/in", events("card.viewed"), null)))
        .containsExactly("url");
  }

  @Test
  void atLeastOneEventTypeIsRequired() {
    assertThat(fieldsRefusedBy(() -> create(URL, null, null))).containsExactly("events");
    assertThat(fieldsRefusedBy(() -> create(URL, events(), null))).containsExactly("events");
  }

  @Test
  void atMostFiftyEventTypesAreAccepted() {
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add("card.viewed");
    }

    assertThat(fieldsRefusedBy(() -> create(URL, tooMany, null))).containsExactly("events");
  }

  @Test
  void eachUnknownMissingOrRepeatedTypeIsNamedByItsPosition() {
    List<String> types = events("card.viewed", "card.burnt", null, "card.viewed");

    assertThat(fieldsRefusedBy(() -> create(URL, types, null)))
        .containsExactly("events[1]", "events[2]", "events[3]");
  }

  @Test
  void theDescriptionIsAtMost256CharactersWithoutControlCharacters() {
    assertThat(create(URL, events("card.viewed"), "d".repeat(256)).description()).hasSize(256);
    assertThat(fieldsRefusedBy(() -> create(URL, events("card.viewed"), "d".repeat(257))))
        .containsExactly("description");
    assertThat(fieldsRefusedBy(() -> create(URL, events("card.viewed"), "line\nbreak")))
        .containsExactly("description");
  }

  @Test
  void everyWrongFieldOfACreateIsNamedAtOnce() {
    assertThat(fieldsRefusedBy(() -> create("ftp://x", events(), "\u0007")))
        .containsExactly("url", "events", "description");
  }

  @Test
  void aChangeTouchesOnlyTheFieldsItNames() {
    assertThat(change("{\"isActive\": false}"))
        .isEqualTo(
            new EndpointChanges(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)));
  }

  @Test
  void aChangeToANullDescriptionClearsIt() {
    assertThat(change("{\"description\": null}").description()).contains(Optional.empty());
  }

  @Test
  void aChangeFollowsTheRulesOfCreate() {
    assertThat(
            fieldsRefusedBy(
                () -> change("{\"url\": \"http://hooks.test/in\", \"events\": [\"card.burnt\"]}")))
        .containsExactly("url", "events[0]");
  }

  @Test
  void aChangeWithFieldsOfTheWrongKindNamesEachOne() {
    String body =
        """
        {"url": 1, "events": "card.viewed", "description": 2, "isActive": "yes", "id": "ep_x"}
        """;

    assertThat(fieldsRefusedBy(() -> change(body)))
        .containsExactlyInAnyOrder("url", "events", "description", "isActive", "id");
  }

  @Test
  void aChangeMustBeAnObject() {
    assertThat(fieldsRefusedBy(() -> change("[]"))).containsExactly("body");
  }
}
