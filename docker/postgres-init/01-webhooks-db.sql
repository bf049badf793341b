-- The application's database, next to Temporal's on the same server, owned by its own role.
-- The postgres image runs this once, when the data volume is still empty; to change the
-- password later use ALTER ROLE webhooks PASSWORD '...'.
-- The password comes from the container environment (WEBHOOKS_DB_PASSWORD, set by compose.yaml).
\getenv webhooks_password WEBHOOKS_DB_PASSWORD
\if :{?webhooks_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'WEBHOOKS_DB_PASSWORD is not set in the postgres container'; END $$;
\endif

CREATE ROLE webhooks LOGIN PASSWORD :'webhooks_password';
-- As owner of the database the role owns its public schema too (PostgreSQL 15 and later),
-- so Liquibase can create the tables without further grants.
CREATE DATABASE webhooks OWNER webhooks;
