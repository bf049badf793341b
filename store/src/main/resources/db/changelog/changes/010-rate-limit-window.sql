--liquibase formatted sql

--changeset devcard-webhooks:010-rate-limit-window
-- An endpoint's rate limit admits an attempt when fewer than rate_limit attempts started within
-- the last second: recent_starts holds those start times (the database's clock), at most
-- rate_limit of them, updated in single statements under the row's lock, so that concurrent
-- workers never admit more. It replaces next_start_at (the generic cell rate algorithm), which
-- remembered every late start for good: after one timer fired late, the attempts queued behind it
-- woke too early, were sent back together and came back together, again and again. next_start_at
-- is no longer written; it goes in a later release, once no worker of the earlier one runs.
-- next_retry_at spreads the attempts the window sends back: each is due a slot after the one sent
-- back before it, and no earlier than the window has room.
alter table webhook_endpoint_rate_slots
    add column recent_starts timestamptz[] not null default '{}';
alter table webhook_endpoint_rate_slots
    add column next_retry_at timestamptz;
alter table webhook_endpoint_rate_slots
    alter column next_start_at drop not null;
--rollback update webhook_endpoint_rate_slots set next_start_at = next_free_at where next_start_at is null;
--rollback alter table webhook_endpoint_rate_slots alter column next_start_at set not null;
--rollback alter table webhook_endpoint_rate_slots drop column next_retry_at;
--rollback alter table webhook_endpoint_rate_slots drop column recent_starts;
