package com.devcard.webhooks.api.openapi;

import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;

/** The groups of routes in the OpenAPI document, in the order it lists them. */
public final class ApiTags {

  public static final String EVENT_TYPES = "Event types";
  public static final String ENDPOINTS = "Endpoints";
  public static final String DELIVERIES = "Deliveries";
  public static final String RECOVERIES = "Recoveries";
  public static final String EVENTS = "Events";
  public static final String PORTAL = "Portal";
  public static final String OPERATORS = "Operators";

  static final List<Tag> ALL =
      List.of(
          tag(EVENT_TYPES, "What an endpoint can subscribe to."),
          tag(
              ENDPOINTS,
              "A user's webhook endpoints: where deliveries go, which events they want, and the"
                  + " secret that signs them."),
          tag(
              DELIVERIES,
              "The delivery log of an endpoint, newest first, and retrying a delivery."),
          tag(
              RECOVERIES,
              "Bulk recovery: retry, once and paced, every failed delivery of one of the user's"
                  + " endpoints."),
          tag(EVENTS, "For the DevCard backend (scope `events:publish`): report what happened."),
          tag(
              PORTAL,
              "The users' webhook page at `/portal`: magic links made and sessions ended by the"
                  + " DevCard backend (scope `webhooks:portal`), and the exchange of a link's code"
                  + " for a session token, made by the page itself."),
          tag(
              OPERATORS,
              "For operators (scope `webhooks:admin`): any user's deliveries and recoveries, and"
                  + " the master key."));

  private ApiTags() {}

  private static Tag tag(String name, String description) {
    return new Tag().name(name).description(description);
  }
}
