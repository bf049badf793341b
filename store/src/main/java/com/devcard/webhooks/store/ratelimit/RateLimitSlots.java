package com.devcard.webhooks.store.ratelimit;

import static com.devcard.webhooks.store.JdbcColumns.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The state of endpoints' rate limits, shared by every worker through the database, whose clock
 * they all read. Each step is one atomic statement:
 *
 * <ol>
 *   <li>{@link #reserve}: an attempt takes the endpoint's next free slot and waits until then; the
 *       slots are {@value #QUEUE_SPACING} times {@code 1/perSecond} seconds apart, so a burst wakes
 *       up spread out, a little slower than the limit.
 *   <li>{@link #admit}: when it wakes, it may start if fewer than {@code perSecond} attempts
 *       started within the last second (a sliding window of start times). No more than the limit
 *       start in any one second, whatever the timers' delays; and since the window remembers one
 *       second only, a timer that fired late costs its own attempt the delay, not those queued
 *       after it. The slots' wider spacing is the room the window needs when a timer fires less
 *       late after its slot than the one a second before it did.
 *   <li>An attempt the window sends back waits until it has room, each one sent back a slot after
 *       the one before it: attempts that wake together (timers held up, then fired at once) come
 *       back spread out, not together again.
 * </ol>
 */
@Repository
public class RateLimitSlots {

  /** The shortest wait handed out: a timer needs a positive duration. */
  static final Duration MIN_WAIT = Duration.ofMillis(1);

  /**
   * Queued attempts are this many slots of the limit apart: 5% slower than the limit, which is the
   * room the window needs to take each of them when it wakes, late by a varying amount.
   */
  static final double QUEUE_SPACING = 1.05;

  private final JdbcClient jdbc;

  public RateLimitSlots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A reserved slot and the database's time when it was reserved. */
  public record Slot(Instant at, Instant now) {

    /** How long from the database's time now to the slot; never less than a millisecond. */
    public Duration remaining() {
      Duration remaining = Duration.between(now, at);
      return remaining.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : remaining;
    }
  }

  /**
   * Reserves the endpoint's next free slot: now when the queue is empty, later when earlier slots
   * are taken.
   *
   * @param perSecond the endpoint's limit, 1 to 1000
   */
  public Slot reserve(String endpointId, int perSecond) {
    return jdbc.sql(
            "with clock as (select clock_timestamp() as now)"
                + " insert into webhook_endpoint_rate_slots as s (endpoint_id, next_free_at)"
                + " select :id, clock.now + make_interval(secs => :spacingSeconds) from clock"
                + " on conflict (endpoint_id) do update set next_free_at ="
                + " greatest(s.next_free_at, (select now from clock))"
                + " + make_interval(secs => :spacingSeconds)"
                + " returning s.next_free_at - make_interval(secs => :spacingSeconds) as slot,"
                + " (select now from clock) as now")
        .param("id", endpointId)
        .param("spacingSeconds", QUEUE_SPACING * slotSeconds(perSecond))
        .query((rs, rowNum) -> new Slot(instant(rs, "slot"), instant(rs, "now")))
        .single();
  }

  /**
   * Lets an attempt start now, and records its start, when fewer than {@code perSecond} attempts
   * started within the last second.
   *
   * @return empty when it may start (and the start is recorded); otherwise the time from which it
   *     may, with the database's time now
   */
  public Optional<Slot> admit(String endpointId, int perSecond) {
    checkLimit(perSecond);
    // The clock is read after the row's lock is taken (clock_timestamp(), not a time fixed when
    // the statement began), so that the starts are recorded in order. Starts that have left the
    // window are dropped, which keeps the array at most perSecond long.
    boolean admitted =
        jdbc.sql(
                "insert into webhook_endpoint_rate_slots as s"
                    + " (endpoint_id, next_free_at, recent_starts)"
                    + " values (:id, clock_timestamp(), array[clock_timestamp()])"
                    + " on conflict (endpoint_id) do update"
                    + " set recent_starts = array(select t from unnest(s.recent_starts) t"
                    + " where t > clock_timestamp() - interval '1 second' order by t)"
                    + " || clock_timestamp()"
                    + " where (select count(*) from unnest(s.recent_starts) t"
                    + " where t > clock_timestamp() - interval '1 second') < :perSecond"
                    + " returning 1")
            .param("id", endpointId)
            .param("perSecond", perSecond)
            .query(Integer.class)
            .optional()
            .isPresent();
    if (admitted) {
      return Optional.empty();
    }
    // Room comes when the perSecond-th newest start leaves the window; attempts sent back before
    // this one and not yet due come first, a slot apart.
    return Optional.of(
        jdbc.sql(
                "update webhook_endpoint_rate_slots s set next_retry_at = greatest("
                    + " s.next_retry_at, clock_timestamp(),"
                    + " (select t from unnest(s.recent_starts) t order by t desc"
                    + " offset :skip limit 1) + interval '1 second')"
                    + " + make_interval(secs => :spacingSeconds)"
                    + " where s.endpoint_id = :id"
                    + " returning s.next_retry_at - make_interval(secs => :spacingSeconds) as due,"
                    + " clock_timestamp() as now")
            .param("id", endpointId)
            .param("skip", perSecond - 1)
            .param("spacingSeconds", QUEUE_SPACING * slotSeconds(perSecond))
            .query((rs, rowNum) -> new Slot(instant(rs, "due"), instant(rs, "now")))
            .single());
  }

  private static double slotSeconds(int perSecond) {
    checkLimit(perSecond);
    return 1.0 / perSecond;
  }

  private static void checkLimit(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
    }
  }
}
