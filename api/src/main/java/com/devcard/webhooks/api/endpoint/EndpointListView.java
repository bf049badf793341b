package com.devcard.webhooks.api.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "A user's endpoints.")
record EndpointListView(
    @Schema(description = "Every endpoint of the user, oldest first.") List<EndpointView> items) {}
