--liquibase formatted sql

--changeset devcard-webhooks:001-webhook-endpoints
create table webhook_endpoints (
    id                         text        primary key,
    user_id                    text        not null check (char_length(user_id) between 1 and 128),
    url                        text        not null check (char_length(url) <= 2048),
    events                     text[]      not null check (cardinality(events) between 1 and 50),
    description                text        check (char_length(description) <= 256),
    is_active                  boolean     not null default true,
    secret_ciphertext          bytea       not null,
    previous_secret_ciphertext bytea,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    deleted_at                 timestamptz
);
create index webhook_endpoints_user_created_idx
    on webhook_endpoints (user_id, created_at, id)
    where deleted_at is null;
--rollback drop table webhook_endpoints;

--changeset devcard-webhooks:001-webhook-events
create table webhook_events (
    id              text        primary key,
    user_id         text        not null,
    idempotency_key text        check (char_length(idempotency_key) <= 128),
    event_type      text        not null,
    payload         text        not null,
    created_at      timestamptz not null,
    constraint webhook_events_user_idempotency_key_uq unique (user_id, idempotency_key)
);
--rollback drop table webhook_events;

--changeset devcard-webhooks:001-webhook-deliveries
create table webhook_deliveries (
    id               text        primary key,
    endpoint_id      text        not null references webhook_endpoints (id),
    user_id          text        not null,
    event_id         text        not null references webhook_events (id),
    event_type       text        not null,
    status           text        not null check (status in ('pending', 'success', 'failed', 'cancelled')),
    attempts         int         not null default 0 check (attempts >= 0),
    response_code    int,
    next_retry_at    timestamptz,
    retry_delays_ms  bigint[]    not null,
    workflow_started boolean     not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index webhook_deliveries_endpoint_created_idx
    on webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_endpoint_status_created_idx
    on webhook_deliveries (endpoint_id, status, created_at desc, id desc);
create index webhook_deliveries_pending_idx
    on webhook_deliveries (id)
    where status = 'pending';
create index webhook_deliveries_event_idx
    on webhook_deliveries (event_id);
--rollback drop table webhook_deliveries;

--changeset devcard-webhooks:001-webhook-delivery-attempts
-- success and delivery_status keep what recording the attempt decided, so that recording the
-- same attempt again (a retried activity) answers exactly what it answered the first time.
create table webhook_delivery_attempts (
    delivery_id     text        not null references webhook_deliveries (id),
    attempt         int         not null check (attempt >= 1),
    attempt_key     text        not null unique,
    trigger         text        not null check (trigger in ('scheduled', 'manual')),
    started_at      timestamptz not null,
    duration_ms     bigint      not null check (duration_ms >= 0),
    response_code   int,
    response_body   text,
    error           text,
    success         boolean     not null,
    delivery_status text        not null check (delivery_status in ('pending', 'success', 'failed', 'cancelled')),
    primary key (delivery_id, attempt)
);
--rollback drop table webhook_delivery_attempts;
