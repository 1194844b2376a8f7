#!/bin/sh
# Runs once, when the postgres container creates its data directory. The app's migrations
# run as the owner (POSTGRES_USER) and grant table privileges to the group vetmeet_app; the
# app itself connects as vetmeet_runtime, a login in that group that owns nothing and cannot
# bypass row-level security (DATABASE_APP_URL). The migration tolerates the group existing.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set runtime_password="$RUNTIME_DB_PASSWORD" <<'SQL'
CREATE ROLE vetmeet_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE vetmeet_runtime LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'runtime_password';
GRANT vetmeet_app TO vetmeet_runtime;
SQL
