--liquibase formatted sql

-- Admission starts each user's first few unfinished deliveries on the express task queue. Whether a
-- user has that many admitted and unfinished (a retry's wait included) is read from this index, a
-- few entries per user, however many of its deliveries wait for retries. Built concurrently, as in
-- 008.

--changeset devcard-webhooks:011-deliveries-admitted-unfinished-idx runInTransaction:false
create index concurrently webhook_deliveries_admitted_unfinished_idx
    on webhook_deliveries (user_id)
    where status = 'pending' and workflow_started;
--rollback drop index webhook_deliveries_admitted_unfinished_idx;
