package com.devcard.webhooks.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of a delivery's attempts, newest first; {@code nextCursor} is null on the last page. */
@Schema(description = "One page of a delivery's attempt log.")
record AttemptPageView(
    @Schema(description = "The attempts of this page, newest first.") List<AttemptView> items,
    @Schema(
            description = "The cursor of the next (older) page; null on the last page.",
            example = "NDk")
        String nextCursor) {}
