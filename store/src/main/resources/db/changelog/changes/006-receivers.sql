--liquibase formatted sql

--changeset devcard-webhooks:006-attempt-retry-after
-- The wait a receiver asked for in a Retry-After header of a 429 or 503, as asked (the wait
-- honoured, capped, is in the delivery's next_retry_at). Null when it asked for none.
alter table webhook_delivery_attempts
    add column retry_after_ms bigint check (retry_after_ms >= 0);
--rollback alter table webhook_delivery_attempts drop column retry_after_ms;
