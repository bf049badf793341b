--liquibase formatted sql

--changeset devcard-webhooks:003-delivery-cancel-reason
-- Who cancelled a delivery: 'endpoint' (it was deleted or deactivated) or 'operator' (the admin
-- route, or a cancel or terminate in the Temporal UI). Only an operator's cancellation can be
-- undone by "retry". Null on deliveries that are not cancelled, and on those cancelled before
-- this column existed (all of them by their endpoint).
alter table webhook_deliveries
    add column cancel_reason text check (cancel_reason in ('endpoint', 'operator'));
-- Set when "retry" reopens a finished delivery for one manual attempt, until an attempt is
-- recorded or the delivery is cancelled: the reconciler starts that attempt's workflow run
-- should the api have failed to.
alter table webhook_deliveries
    add column manual_attempt_requested_at timestamptz;
--rollback alter table webhook_deliveries drop column manual_attempt_requested_at;
--rollback alter table webhook_deliveries drop column cancel_reason;
