--liquibase formatted sql

--changeset devcard-webhooks:005-one-running-recovery-per-endpoint
-- At most one running recovery per endpoint, whoever started it, held by the database so that
-- concurrent requests cannot both start one. Recoveries that ran side by side on one endpoint
-- before this rule: the oldest keeps running, the others end cancelled (their workflows stop at
-- their next item). Operator recoveries without an endpoint filter are not concerned.
update webhook_recoveries r set state = 'cancelled', updated_at = now()
 where r.state = 'running' and r.endpoint_id is not null
   and exists (select 1 from webhook_recoveries older
                where older.endpoint_id = r.endpoint_id and older.state = 'running'
                  and (older.created_at, older.id) < (r.created_at, r.id));
create unique index webhook_recoveries_one_running_per_endpoint_uq
    on webhook_recoveries (endpoint_id)
    where state = 'running';
--rollback drop index webhook_recoveries_one_running_per_endpoint_uq;

--changeset devcard-webhooks:005-manual-action-times
-- When the manual actions of users ("test", "retry", "recover") were admitted, per endpoint and
-- action: the rate limit's sliding window. Only the admissions of the current window are kept,
-- so a row holds at most as many times as the limit allows per window. Shared by every api
-- process, unlike a counter in each process's memory.
create table webhook_manual_action_times (
    endpoint_id text          not null references webhook_endpoints (id),
    action      text          not null check (action in ('test', 'retry', 'recover')),
    admitted_at timestamptz[] not null,
    primary key (endpoint_id, action)
);
--rollback drop table webhook_manual_action_times;
