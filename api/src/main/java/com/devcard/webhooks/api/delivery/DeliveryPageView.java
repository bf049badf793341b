package com.devcard.webhooks.api.delivery;

import java.util.List;

record DeliveryPageView(List<DeliveryView> items, String nextCursor) {}
