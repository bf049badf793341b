--liquibase formatted sql

--changeset devcard-webhooks:002-previous-secret-pairing
-- A previous secret exists only together with the end of its grace period.
alter table webhook_endpoints
    add constraint webhook_endpoints_previous_secret_pair_ck
    check ((previous_secret_ciphertext is null) = (previous_secret_expires_at is null));
--rollback alter table webhook_endpoints drop constraint webhook_endpoints_previous_secret_pair_ck;

--changeset devcard-webhooks:002-previous-secret-expiry-index
-- The periodic erase of expired previous secrets reads only the rows in a grace period.
create index webhook_endpoints_previous_secret_expiry_idx
    on webhook_endpoints (previous_secret_expires_at)
    where previous_secret_expires_at is not null;
--rollback drop index webhook_endpoints_previous_secret_expiry_idx;
