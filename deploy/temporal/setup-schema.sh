#!/bin/sh
# Creates or upgrades Temporal's persistence and visibility schemas on PostgreSQL (plugin postgres12).
# Safe to run on every deployment: `create` tolerates an existing database, `update-schema` applies
# only the missing versions. Run it before starting a newer Temporal server.
set -eu
HOST="${POSTGRES_HOST:-postgres}"
echo "waiting for PostgreSQL at ${HOST}:5432"
until nc -z -w 5 "$HOST" 5432; do sleep 2; done
for db in temporal temporal_visibility; do
  case "$db" in
    temporal) dir=/etc/temporal/schema/postgresql/v12/temporal/versioned ;;
    *) dir=/etc/temporal/schema/postgresql/v12/visibility/versioned ;;
  esac
  tool="temporal-sql-tool --plugin postgres12 --ep $HOST -p 5432 -u temporal --db $db"
  $tool create || echo "database $db exists"
  $tool setup-schema -v 0.0 || echo "schema of $db already set up"
  $tool update-schema -d "$dir"
done
echo "Temporal schemas are up to date"
