package com.devcard.webhooks.api.endpoint;

import java.util.List;

/** The body of {@code POST /api/webhooks}; checked by {@link EndpointValidator}. */
record CreateEndpointRequest(String url, List<String> events, String description) {}
