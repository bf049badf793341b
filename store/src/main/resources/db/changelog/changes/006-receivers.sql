--liquibase formatted sql

--changeset devcard-webhooks:006-attempt-retry-after
-- The wait a receiver asked for in a Retry-After header of a 429 or 503, as asked (the wait
-- honoured, capped, is in the delivery's next_retry_at). Null when it asked for none.
alter table webhook_delivery_attempts
    add column retry_after_ms bigint check (retry_after_ms >= 0);
--rollback alter table webhook_delivery_attempts drop column retry_after_ms;

--changeset devcard-webhooks:006-endpoint-disabled-reason
-- Why an inactive endpoint is inactive: 'user' (its owner set it inactive), 'gone' (the receiver
-- answered 410) or 'failing' (disabled automatically after failing for too long), and since when.
-- Endpoints inactive before this column existed were all set inactive by their owners.
alter table webhook_endpoints
    add column disabled_reason text check (disabled_reason in ('user', 'gone', 'failing')),
    add column disabled_at timestamptz;
update webhook_endpoints set disabled_reason = 'user', disabled_at = updated_at where not is_active;
alter table webhook_endpoints
    add constraint webhook_endpoints_disabled_reason_ck
    check ((disabled_reason is null) = is_active and (disabled_at is null) = is_active);
--rollback alter table webhook_endpoints drop constraint webhook_endpoints_disabled_reason_ck;
--rollback alter table webhook_endpoints drop column disabled_at;
--rollback alter table webhook_endpoints drop column disabled_reason;

--changeset devcard-webhooks:006-endpoint-rate-limit
-- At most rate_limit attempts per second to the endpoint, across every worker; null for none.
alter table webhook_endpoints
    add column rate_limit int check (rate_limit between 1 and 1000);
-- The rate limit's state, kept apart from the endpoint row (which dispatch holds FOR SHARE while it
-- inserts deliveries). Two clocks, both advanced by one slot (1/rate_limit seconds) at a time in
-- single statements, so concurrent workers never share a slot:
-- next_free_at queues the attempts: each one waiting takes the next free slot and sleeps until
--   then, so a burst wakes up spread out instead of all at once;
-- next_start_at admits them (the generic cell rate algorithm): an attempt may start when
--   next_start_at is at most half a slot away, and moves it one slot past the later of itself and
--   now. Starts are thus never closer than the limit allows, whatever the timers' delays, and at
--   most rate_limit + 1 fall in any one second.
create table webhook_endpoint_rate_slots (
    endpoint_id   text        primary key references webhook_endpoints (id),
    next_free_at  timestamptz not null,
    next_start_at timestamptz not null
);
--rollback drop table webhook_endpoint_rate_slots;

--changeset devcard-webhooks:006-attempt-trigger-probe
-- 'probe': an attempt a recovery probe made on a held delivery of an endpoint disabled for failing.
alter table webhook_delivery_attempts drop constraint webhook_delivery_attempts_trigger_check;
alter table webhook_delivery_attempts
    add constraint webhook_delivery_attempts_trigger_check
    check (trigger in ('scheduled', 'manual', 'probe'));
--rollback alter table webhook_delivery_attempts drop constraint webhook_delivery_attempts_trigger_check;
--rollback alter table webhook_delivery_attempts add constraint webhook_delivery_attempts_trigger_check check (trigger in ('scheduled', 'manual'));

--changeset devcard-webhooks:006-endpoint-health
-- An endpoint's health, kept current as attempts are recorded (in the same transaction), so that
-- showing it reads a row or two instead of the delivery log. last_success_at and last_failure_at
-- are the ends of the latest successful and failed attempts; failing_since is the end of the first
-- delivery that ended failed since the latest success, which clears it.
create table webhook_endpoint_health (
    endpoint_id     text        primary key references webhook_endpoints (id),
    last_success_at timestamptz,
    last_failure_at timestamptz,
    failing_since   timestamptz
);
-- How many deliveries of the endpoint ended succeeded or failed, per hour (the hour's start, UTC).
-- Rows older than a day are of no more use and are swept away.
create table webhook_endpoint_hourly_outcomes (
    endpoint_id text        not null references webhook_endpoints (id),
    hour        timestamptz not null,
    succeeded   int         not null default 0 check (succeeded >= 0),
    failed      int         not null default 0 check (failed >= 0),
    primary key (endpoint_id, hour)
);
create index webhook_endpoint_hourly_outcomes_hour_idx on webhook_endpoint_hourly_outcomes (hour);
--rollback drop table webhook_endpoint_hourly_outcomes;
--rollback drop table webhook_endpoint_health;

--changeset devcard-webhooks:006-held-deliveries
-- 'held': the delivery's endpoint was disabled automatically ('gone' or 'failing'): recorded, not
-- sent, no workflow, until the endpoint is enabled again (then released, in creation order) or it
-- has been held too long (then cancelled). held_at is when it became held.
alter table webhook_deliveries drop constraint webhook_deliveries_status_check;
alter table webhook_deliveries
    add constraint webhook_deliveries_status_check
    check (status in ('pending', 'success', 'failed', 'cancelled', 'held'));
alter table webhook_delivery_attempts drop constraint webhook_delivery_attempts_delivery_status_check;
alter table webhook_delivery_attempts
    add constraint webhook_delivery_attempts_delivery_status_check
    check (delivery_status in ('pending', 'success', 'failed', 'cancelled', 'held'));
alter table webhook_deliveries add column held_at timestamptz;
-- Releasing and probing read an endpoint's held deliveries oldest first; the expiry sweep reads
-- them by age.
create index webhook_deliveries_held_idx
    on webhook_deliveries (endpoint_id, created_at, id)
    where status = 'held';
create index webhook_deliveries_held_at_idx
    on webhook_deliveries (held_at)
    where status = 'held';
--rollback drop index webhook_deliveries_held_at_idx;
--rollback drop index webhook_deliveries_held_idx;
--rollback alter table webhook_deliveries drop column held_at;

--changeset devcard-webhooks:006-endpoint-probe
-- An endpoint disabled as 'failing' is probed by a workflow of its own; probe_started says that
-- workflow was started for the current disable, so the api starts it exactly once.
alter table webhook_endpoints add column probe_started boolean not null default false;
create index webhook_endpoints_probe_due_idx
    on webhook_endpoints (id)
    where disabled_reason = 'failing' and not probe_started and deleted_at is null;
--rollback drop index webhook_endpoints_probe_due_idx;
--rollback alter table webhook_endpoints drop column probe_started;

--changeset devcard-webhooks:006-recovery-kind
-- A 'release' hands an endpoint's held deliveries back to delivery when it is enabled again: the
-- bulk recovery's snapshot and pacing, one item at a time in creation order. The rule of one
-- running recovery per endpoint stays the users' and operators' own.
alter table webhook_recoveries
    add column kind text not null default 'recovery' check (kind in ('recovery', 'release'));
drop index webhook_recoveries_one_running_per_endpoint_uq;
create unique index webhook_recoveries_one_running_per_endpoint_uq
    on webhook_recoveries (endpoint_id)
    where state = 'running' and kind = 'recovery';
--rollback drop index webhook_recoveries_one_running_per_endpoint_uq;
--rollback create unique index webhook_recoveries_one_running_per_endpoint_uq on webhook_recoveries (endpoint_id) where state = 'running';
--rollback alter table webhook_recoveries drop column kind;

--changeset devcard-webhooks:006-operational-endpoint
-- The service's own endpoint for operational events (endpoint.disabled, endpoint.enabled), one
-- row configured from WEBHOOKS_OPERATIONAL_URL and WEBHOOKS_OPERATIONAL_SECRET, delivered like any
-- endpoint. Its owner is no user: no token may name it.
alter table webhook_endpoints add column operational boolean not null default false;
create unique index webhook_endpoints_one_operational_uq
    on webhook_endpoints (operational)
    where operational;
--rollback drop index webhook_endpoints_one_operational_uq;
--rollback alter table webhook_endpoints drop column operational;
