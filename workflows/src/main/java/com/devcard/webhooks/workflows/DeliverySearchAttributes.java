package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/** The keyword search attributes operators filter delivery workflows by in the Temporal UI. */
public final class DeliverySearchAttributes {

  public static final SearchAttributeKey<String> USER_ID =
      SearchAttributeKey.forKeyword("WebhookUserId");
  public static final SearchAttributeKey<String> ENDPOINT_ID =
      SearchAttributeKey.forKeyword("WebhookEndpointId");
  public static final SearchAttributeKey<String> EVENT_TYPE =
      SearchAttributeKey.forKeyword("WebhookEventType");
  public static final SearchAttributeKey<String> DELIVERY_STATUS =
      SearchAttributeKey.forKeyword("WebhookDeliveryStatus");

  /** Every key, for registering them on a namespace. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(USER_ID, ENDPOINT_ID, EVENT_TYPE, DELIVERY_STATUS);

  private DeliverySearchAttributes() {}

  /** The attributes a delivery workflow starts with. */
  public static SearchAttributes atStart(DeliveryWorkflowInput input) {
    return SearchAttributes.newBuilder()
        .set(USER_ID, input.userId())
        .set(ENDPOINT_ID, input.endpointId())
        .set(EVENT_TYPE, input.eventType())
        .set(DELIVERY_STATUS, DeliveryStatus.PENDING.wireValue())
        .build();
  }
}
