package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.recovery.Recovery;
import io.swagger.v3.oas.annotations.media.Schema;

/** A recovery's progress, as {@code GET /api/recoveries/{id}} shows it. */
@Schema(description = "A bulk recovery and its progress.")
record RecoveryView(
    @Schema(description = "The recovery's id.", example = "rcv_01JQ8Z9A1B2C3D4E5F6G7H8J9K")
        String id,
    @Schema(
            description =
                "`running` until every item is done (`completed`) or it is stopped"
                    + " (`cancelled`).",
            implementation = RecoveryState.class)
        String state,
    @Schema(
            description =
                "The failed deliveries it covers, fixed when it was created, oldest first.",
            example = "25")
        int total,
    @Schema(
            description =
                "Items finished, skipped ones included (no longer failed, or endpoint gone).",
            example = "10")
        int done,
    @Schema(description = "Items whose attempt got a 2xx.", example = "9") int succeeded,
    @Schema(description = "Items whose attempt failed.", example = "1") int failed,
    @Schema(description = "When it was started.", example = "2026-11-28T10:15:30.123Z")
        String createdAt) {

  static RecoveryView of(Recovery recovery) {
    return new RecoveryView(
        recovery.id(),
        recovery.state().wireValue(),
        recovery.total(),
        recovery.done(),
        recovery.succeeded(),
        recovery.failed(),
        ApiTimes.format(recovery.createdAt()));
  }
}
