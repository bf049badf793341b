package com.devcard.webhooks.store.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives out a user's places on the express lane to its new deliveries, inside the dispatch's
 * transaction: a user holds at most {@code expressPerUser} deliveries that are unfinished
 * (admitted, a retry's wait included) or still waiting for admission. A new delivery within that
 * number is started at once; the rest queue for admission.
 *
 * <p>The count is read without a lock first, so a busy user's dispatches, which find no place free,
 * never wait for each other. A user that may have a place takes its own advisory lock and counts
 * again: the lock is held until the commit, when the new deliveries count for the next dispatch, so
 * concurrent dispatches never give out more places than there are.
 */
final class ExpressPlaces {

  /**
   * The first of the two advisory lock keys, the second being the user's hash. Locks on two 32-bit
   * keys never collide with locks on one 64-bit key (the per-user lock on endpoint creation), and
   * the sweeps' locks use another first key.
   */
  private static final int EXPRESS = 0x4558_5052; // "EXPR"

  private final JdbcClient jdbc;

  ExpressPlaces(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many of the user's new deliveries go express; call it in the dispatch's transaction. */
  int take(String userId, int expressPerUser) {
    if (expressPerUser == 0 || unfinished(userId, expressPerUser) >= expressPerUser) {
      return 0;
    }
    jdbc.sql("select 1 from pg_advisory_xact_lock(:express, hashtext(:userId))")
        .param("express", EXPRESS)
        .param("userId", userId)
        .query(Integer.class)
        .single();
    return expressPerUser - unfinished(userId, expressPerUser);
  }

  /** The user's unfinished and waiting deliveries, counted up to {@code upTo}, from two indexes. */
  private int unfinished(String userId, int upTo) {
    return jdbc.sql(
            "select (select count(*) from (select 1 from webhook_deliveries"
                + " where user_id = :userId and status = 'pending' and workflow_started"
                + " limit :upTo) admitted)"
                + " + (select count(*) from (select 1 from webhook_deliveries"
                + " where user_id = :userId and status = 'pending' and not workflow_started"
                + " and manual_attempt_requested_at is null limit :upTo) waiting)")
        .param("userId", userId)
        .param("upTo", upTo)
        .query(Integer.class)
        .single();
  }
}
