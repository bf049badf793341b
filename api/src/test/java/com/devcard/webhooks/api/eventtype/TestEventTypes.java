package com.devcard.webhooks.api.eventtype;

/** The catalog for tests outside this package, which cannot call its constructor. */
public final class TestEventTypes {

  private TestEventTypes() {}

  public static EventTypeCatalog catalog() {
    return new EventTypeCatalog();
  }
}
