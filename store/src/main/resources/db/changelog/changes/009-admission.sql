--liquibase formatted sql

-- Admission (the api role's loop that starts dispatched deliveries' workflows, users in turn) asks
-- two things of each user many times a second: how many of its deliveries are admitted with an
-- attempt due, and its oldest deliveries not yet admitted. These indexes answer both by reading
-- that user's few rows, however many deliveries wait behind them. Built concurrently, as in 008.

--changeset devcard-webhooks:009-deliveries-waiting-admission-idx runInTransaction:false
-- Dispatched, never started, by user and dispatch order.
create index concurrently webhook_deliveries_waiting_admission_idx
    on webhook_deliveries (user_id, created_at, id)
    where status = 'pending' and not workflow_started and manual_attempt_requested_at is null;
--rollback drop index webhook_deliveries_waiting_admission_idx;

--changeset devcard-webhooks:009-deliveries-admitted-due-idx runInTransaction:false
-- Admitted, with an attempt due (not waiting for a scheduled retry), by user.
create index concurrently webhook_deliveries_admitted_due_idx
    on webhook_deliveries (user_id)
    where status = 'pending' and workflow_started and next_retry_at is null;
--rollback drop index webhook_deliveries_admitted_due_idx;
