--liquibase formatted sql

--changeset devcard-webhooks:007-portal-sessions
-- Sessions of the users' web page (/portal). A row is made with the code of a magic link and gets
-- its session token when the code is exchanged. Only SHA-256 hashes of the code and the token are
-- kept, so a copy of this table opens no session. A session ends at expires_at, or earlier when its
-- user's sessions are ended (ended_at).
create table webhook_portal_sessions (
    id              text        primary key,
    user_id         text        not null check (char_length(user_id) between 1 and 128),
    read_only       boolean     not null,
    code_hash       bytea       not null unique check (octet_length(code_hash) = 32),
    code_expires_at timestamptz not null,
    token_hash      bytea       unique check (octet_length(token_hash) = 32),
    exchanged_at    timestamptz,
    expires_at      timestamptz not null,
    ended_at        timestamptz,
    created_at      timestamptz not null,
    constraint webhook_portal_sessions_exchange_ck check ((token_hash is null) = (exchanged_at is null)),
    constraint webhook_portal_sessions_code_expiry_ck check (code_expires_at <= expires_at)
);
-- Ending a user's sessions reads only the ones still open.
create index webhook_portal_sessions_open_by_user_idx
    on webhook_portal_sessions (user_id)
    where ended_at is null;
-- The periodic purge of sessions that expired long ago.
create index webhook_portal_sessions_expiry_idx on webhook_portal_sessions (expires_at);
--rollback drop table webhook_portal_sessions;
