package com.devcard.webhooks.api.event;

import java.util.List;

/**
 * What a dispatch answers, over HTTP and in process: the event id and one delivery per endpoint.
 */
public record DispatchedEvent(String eventId, List<DeliveryRef> deliveries) {

  public record DeliveryRef(String id, String endpointId) {}
}
