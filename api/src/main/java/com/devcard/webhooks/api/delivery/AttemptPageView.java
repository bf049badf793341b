package com.devcard.webhooks.api.delivery;

import java.util.List;

/** A page of a delivery's attempts, newest first; {@code nextCursor} is null on the last page. */
record AttemptPageView(List<AttemptView> items, String nextCursor) {}
