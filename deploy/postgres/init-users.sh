#!/bin/sh
# Runs once, when the PostgreSQL volume is created: one role and database for INS, one role for
# Temporal (temporal-sql-tool creates Temporal's two databases itself).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE ins LOGIN PASSWORD '${INS_DB_PASSWORD}';
CREATE DATABASE ins OWNER ins;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL
