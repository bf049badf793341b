package com.devcard.webhooks.store.ratelimit;

import static com.devcard.webhooks.store.JdbcColumns.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The state of endpoints' rate limits, shared by every worker through the database, whose clock
 * they all read. Two steps, each one atomic statement:
 *
 * <ol>
 *   <li>{@link #reserve}: an attempt takes the endpoint's next free slot, {@code 1/perSecond}
 *       seconds after the one before, and waits until then; a burst wakes up spread out.
 *   <li>{@link #admit}: when it wakes, it may start unless the starts before it came closer than
 *       the limit allows (the generic cell rate algorithm, with a tolerance of half a slot). Timers
 *       that fire late then cannot crowd one second.
 * </ol>
 */
@Repository
public class RateLimitSlots {

  /** The shortest wait handed out: a timer needs a positive duration. */
  static final Duration MIN_WAIT = Duration.ofMillis(1);

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
   * Reserves the endpoint's next free slot: now when the limit has room, later when earlier slots
   * are taken.
   *
   * @param perSecond the endpoint's limit, 1 to 1000
   */
  public Slot reserve(String endpointId, int perSecond) {
    return jdbc.sql(
            "with clock as (select clock_timestamp() as now)"
                + " insert into webhook_endpoint_rate_slots as s"
                + " (endpoint_id, next_free_at, next_start_at)"
                + " select :id, clock.now + make_interval(secs => :slotSeconds), clock.now"
                + " from clock"
                + " on conflict (endpoint_id) do update set next_free_at ="
                + " greatest(s.next_free_at, (select now from clock))"
                + " + make_interval(secs => :slotSeconds)"
                + " returning s.next_free_at - make_interval(secs => :slotSeconds) as slot,"
                + " (select now from clock) as now")
        .param("id", endpointId)
        .param("slotSeconds", slotSeconds(perSecond))
        .query((rs, rowNum) -> new Slot(instant(rs, "slot"), instant(rs, "now")))
        .single();
  }

  /**
   * Lets an attempt start now, unless that would bring it closer to the starts before it than the
   * limit allows.
   *
   * @return empty when it may start (and the start is counted); otherwise the time from which it
   *     may, with the database's time now
   */
  public Optional<Slot> admit(String endpointId, int perSecond) {
    double slotSeconds = slotSeconds(perSecond);
    Optional<Instant> admitted =
        jdbc.sql(
                "with clock as (select clock_timestamp() as now)"
                    + " insert into webhook_endpoint_rate_slots as s"
                    + " (endpoint_id, next_free_at, next_start_at)"
                    + " select :id, clock.now, clock.now + make_interval(secs => :slotSeconds)"
                    + " from clock"
                    + " on conflict (endpoint_id) do update set next_start_at ="
                    + " greatest(s.next_start_at, (select now from clock))"
                    + " + make_interval(secs => :slotSeconds)"
                    + " where s.next_start_at - make_interval(secs => :toleranceSeconds)"
                    + " <= (select now from clock)"
                    + " returning (select now from clock) as now")
            .param("id", endpointId)
            .param("slotSeconds", slotSeconds)
            .param("toleranceSeconds", slotSeconds / 2)
            .query((rs, rowNum) -> instant(rs, "now"))
            .optional();
    if (admitted.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.sql(
                "select next_start_at - make_interval(secs => :toleranceSeconds) as due,"
                    + " clock_timestamp() as now"
                    + " from webhook_endpoint_rate_slots where endpoint_id = :id")
            .param("id", endpointId)
            .param("toleranceSeconds", slotSeconds / 2)
            .query((rs, rowNum) -> new Slot(instant(rs, "due"), instant(rs, "now")))
            .single());
  }

  private static double slotSeconds(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
    }
    return 1.0 / perSecond;
  }
}
