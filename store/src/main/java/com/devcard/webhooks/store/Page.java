package com.devcard.webhooks.store;

import java.util.List;
import java.util.Optional;

/** One page of rows; {@code next} is present when more rows follow. */
public record Page<T>(List<T> items, Optional<KeysetPosition> next) {

  public Page {
    items = List.copyOf(items);
  }
}
