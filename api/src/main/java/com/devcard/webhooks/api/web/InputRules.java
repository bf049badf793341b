package com.devcard.webhooks.api.web;

import com.devcard.webhooks.store.StorableValues;
import java.time.Instant;

/**
 * Rules client values obey before they reach the database, so that a value PostgreSQL would refuse
 * is a 400 naming the field, never a database error.
 */
public final class InputRules {

  /** The field message for a time outside {@link #isStorableTime}. */
  public static final String TIME_RANGE = "must be a time from 4713 BC to 294276 AD";

  /** The field message for a value with {@link #hasControlCharacters}. */
  public static final String CONTROL_CHARACTERS = "must not contain control characters";

  private InputRules() {}

  /**
   * Control characters (C0, DEL, C1; NUL among them) have no place in an id, a cursor or a name,
   * and NUL cannot be stored at all.
   */
  public static boolean hasControlCharacters(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  /** Whether the database stores this time as it is. */
  public static boolean isStorableTime(Instant time) {
    return StorableValues.isStorableTime(time);
  }
}
