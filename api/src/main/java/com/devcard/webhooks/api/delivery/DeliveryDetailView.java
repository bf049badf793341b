package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.DeliveryDetail;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One delivery with the exact body sent ({@code payload}, embedded byte for byte) and the latest
 * {@value #LATEST_ATTEMPTS} attempts of its log, so that the view stays small however long the log
 * grows; the rest is paged through {@code GET .../attempts}.
 */
@Schema(description = "A delivery with the payload it sends and the latest attempts of its log.")
record DeliveryDetailView(
    @JsonUnwrapped DeliveryView delivery,
    @Schema(
            type = "object",
            description =
                "The body POSTed to the receiver, byte for byte the same on every attempt: the"
                    + " event's `id`, `type`, `createdAt` and `data`.",
            example =
                "{\"id\":\"evt_01JQ8Z7K2JABCDEFGHJKMNPQRS\",\"type\":\"card.viewed\","
                    + "\"createdAt\":\"2026-11-28T10:15:30.123Z\",\"data\":{\"cardId\":\"c_7\"}}")
        @JsonRawValue
        String payload,
    @Schema(
            description =
                "The latest attempts (at most "
                    + LATEST_ATTEMPTS
                    + "), oldest of them first. Older ones: GET .../attempts with"
                    + " attemptLogNextCursor.")
        List<AttemptView> attemptLog,
    @Schema(description = "How many attempts the whole log holds.") int attemptLogTotal,
    @Schema(description = "True when attemptLog leaves out older attempts.")
        boolean attemptLogTruncated,
    @Schema(
            description =
                "When attemptLog is truncated: the cursor for GET .../attempts that pages on from"
                    + " the oldest attempt shown; null otherwise.",
            nullable = true)
        String attemptLogNextCursor) {

  static final int LATEST_ATTEMPTS = 50;

  static DeliveryDetailView of(DeliveryDetail detail) {
    List<Attempt> log = detail.attemptLog();
    return new DeliveryDetailView(
        DeliveryView.of(detail.delivery()),
        detail.payload(),
        log.stream().map(AttemptView::of).toList(),
        detail.attemptTotal(),
        detail.attemptLogTruncated(),
        detail.attemptLogTruncated() ? AttemptCursor.encode(log.getFirst().attempt()) : null);
  }
}
