--liquibase formatted sql

-- The retention sweep deletes finished deliveries whose last change is older than
-- WEBHOOKS_RETENTION, with their attempts, and then the events no delivery refers to. These indexes
-- let it find them without reading the rest of the tables. Each is built concurrently, outside a
-- transaction, so that a migration over a large table never stops dispatch or attempts from
-- writing while it builds. A build that fails leaves an invalid index behind: drop it, and the
-- next start builds it again.

--changeset devcard-webhooks:008-deliveries-finished-idx runInTransaction:false
-- Finished deliveries by their last change (the end of their last attempt, or their
-- cancellation), oldest first.
create index concurrently webhook_deliveries_finished_idx
    on webhook_deliveries (updated_at, id)
    where status in ('success', 'failed', 'cancelled');
--rollback drop index webhook_deliveries_finished_idx;

--changeset devcard-webhooks:008-events-created-idx runInTransaction:false
-- Events by age: those no delivery was ever created for (no endpoint subscribed) are found here.
create index concurrently webhook_events_created_idx
    on webhook_events (created_at, id);
--rollback drop index webhook_events_created_idx;

--changeset devcard-webhooks:008-recovery-items-delivery-idx runInTransaction:false
-- Whether a running recovery still needs a delivery, and the foreign key's check when a delivery
-- is deleted, look items up by delivery.
create index concurrently webhook_recovery_items_delivery_idx
    on webhook_recovery_items (delivery_id);
--rollback drop index webhook_recovery_items_delivery_idx;
