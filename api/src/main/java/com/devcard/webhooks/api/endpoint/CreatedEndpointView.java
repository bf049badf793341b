package com.devcard.webhooks.api.endpoint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a create: the endpoint and, this once, its signing secret. */
record CreatedEndpointView(@JsonUnwrapped EndpointView endpoint, String secret) {}
