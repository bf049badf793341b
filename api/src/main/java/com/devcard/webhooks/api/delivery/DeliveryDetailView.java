package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.DeliveryDetail;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** One delivery with the exact body sent ({@code payload}, embedded byte for byte) and its log. */
record DeliveryDetailView(
    @JsonUnwrapped DeliveryView delivery,
    @JsonRawValue String payload,
    List<AttemptView> attemptLog) {

  record AttemptView(
      int attempt,
      String trigger,
      String startedAt,
      long durationMs,
      Integer responseCode,
      String responseBody,
      String error) {

    static AttemptView of(Attempt attempt) {
      return new AttemptView(
          attempt.attempt(),
          attempt.trigger(),
          ApiTimes.format(attempt.startedAt()),
          attempt.durationMs(),
          attempt.responseCode(),
          attempt.responseBody(),
          attempt.error());
    }
  }

  static DeliveryDetailView of(DeliveryDetail detail) {
    return new DeliveryDetailView(
        DeliveryView.of(detail.delivery()),
        detail.payload(),
        detail.attemptLog().stream().map(AttemptView::of).toList());
  }
}
