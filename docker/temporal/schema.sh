#!/bin/sh
# Creates Temporal's tables in PostgreSQL, or upgrades them to the schema this admin-tools
# image ships. Safe on every start: both steps skip what is already in place.
# Runs in temporalio/admin-tools (compose service temporal-schema), before the server starts.
# Connection from the environment: SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD.
set -eu

schema_dir=/etc/temporal/schema/postgresql/v12

migrate() {
  database=$1
  schema=$2
  echo "Temporal schema: ${database}"
  temporal-sql-tool --db "${database}" setup-schema -v 0.0
  temporal-sql-tool --db "${database}" update-schema -d "${schema_dir}/${schema}/versioned"
}

migrate temporal temporal
migrate temporal_visibility visibility
echo "Temporal schema is current."
