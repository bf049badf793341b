-- Temporal's two databases, owned by the role the Temporal server and its schema job log in as.
-- Runs once, on an empty data volume. temporal-schema (docker/temporal/schema.sh) then creates
-- and upgrades the tables inside them.
\getenv temporal_password TEMPORAL_DB_PASSWORD
\if :{?temporal_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'TEMPORAL_DB_PASSWORD is not set in the postgres container'; END $$;
\endif

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
-- The visibility schema installs the btree_gin extension, which a database owner may do.
CREATE DATABASE temporal_visibility OWNER temporal;
