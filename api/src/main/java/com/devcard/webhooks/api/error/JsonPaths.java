package com.devcard.webhooks.api.error;

import java.util.List;
import tools.jackson.databind.DatabindException;

/** Renders a Jackson reference path as {@code events[2]} or {@code data.cardId}. */
final class JsonPaths {

  private JsonPaths() {}

  static String of(List<DatabindException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (DatabindException.Reference reference : path) {
      if (reference.getPropertyName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }
}
