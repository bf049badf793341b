package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.recovery.Recovery;

/** A recovery's progress, as {@code GET /api/recoveries/{id}} shows it. */
record RecoveryView(
    String id, String state, int total, int done, int succeeded, int failed, String createdAt) {

  static RecoveryView of(Recovery recovery) {
    return new RecoveryView(
        recovery.id(),
        recovery.state(),
        recovery.total(),
        recovery.done(),
        recovery.succeeded(),
        recovery.failed(),
        ApiTimes.format(recovery.createdAt()));
  }
}
