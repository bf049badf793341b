package com.devcard.webhooks.api.endpoint;

import java.util.List;

record EndpointListView(List<EndpointView> items) {}
