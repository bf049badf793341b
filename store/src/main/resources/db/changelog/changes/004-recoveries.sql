--liquibase formatted sql

--changeset devcard-webhooks:004-webhook-recoveries
-- One bulk recovery. owner_user_id is the user who started it on their own endpoint (null when an
-- operator started it through /api/admin); user_id, endpoint_id and since are the filters it was
-- created with. rate is captured at creation so a resumed recovery keeps its pace. The counters
-- change in the same transaction as the item they count.
create table webhook_recoveries (
    id            text        primary key,
    owner_user_id text,
    created_by    text        not null,
    user_id       text,
    endpoint_id   text,
    since         timestamptz,
    rate          int         not null check (rate >= 1),
    state         text        not null check (state in ('running', 'completed', 'cancelled')),
    total         int         not null default 0 check (total >= 0),
    done          int         not null default 0 check (done >= 0),
    succeeded     int         not null default 0 check (succeeded >= 0),
    failed        int         not null default 0 check (failed >= 0),
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint webhook_recoveries_counters_ck check (succeeded + failed <= done and done <= total)
);
create index webhook_recoveries_running_idx
    on webhook_recoveries (id)
    where state = 'running';
--rollback drop table webhook_recoveries;

--changeset devcard-webhooks:004-webhook-recovery-items
-- The snapshot of a recovery: the failed deliveries it covers, numbered from 1 in creation order,
-- and what recovering each came to. attempt is the number the manual attempt got in the
-- delivery's log.
create table webhook_recovery_items (
    recovery_id text        not null references webhook_recoveries (id),
    position    int         not null check (position >= 1),
    delivery_id text        not null references webhook_deliveries (id),
    state       text        not null default 'pending'
                            check (state in ('pending', 'succeeded', 'failed', 'skipped')),
    attempt     int,
    finished_at timestamptz,
    primary key (recovery_id, position)
);
create index webhook_recovery_items_pending_idx
    on webhook_recovery_items (recovery_id, position)
    where state = 'pending';
--rollback drop table webhook_recovery_items;
