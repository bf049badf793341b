package com.devcard.webhooks.benchmark;

import io.temporal.activity.ActivityInterface;

/** Returns its argument. Public for Temporal. */
@ActivityInterface
public interface NoOpActivity {

  String noOp(String id);
}
