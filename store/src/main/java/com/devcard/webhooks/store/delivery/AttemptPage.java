package com.devcard.webhooks.store.delivery;

import java.util.List;
import java.util.Optional;

/**
 * Attempts of one delivery, newest first.
 *
 * @param nextBefore present when older attempts follow: the number to page on from (exclusive)
 */
public record AttemptPage(List<Attempt> items, Optional<Integer> nextBefore) {

  public AttemptPage {
    items = List.copyOf(items);
  }
}
