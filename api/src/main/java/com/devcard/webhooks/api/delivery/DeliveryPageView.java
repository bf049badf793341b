package com.devcard.webhooks.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "One page of an endpoint's deliveries.")
record DeliveryPageView(
    @Schema(description = "The deliveries of this page, newest first.") List<DeliveryView> items,
    @Schema(
            description = "The cursor of the next page; null on the last page.",
            example = "MjAyNi0xMS0yOFQxMDoxNTozMC4xMjNafGRsdl8wMUpROFo3SzJN")
        String nextCursor) {}
