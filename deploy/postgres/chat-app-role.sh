#!/usr/bin/env bash
# The app's own database role. The postgres image runs this as its superuser on its first start (compose mounts
# it into /docker-entrypoint-initdb.d/); run it by hand once on a database from before the role (docs/deploy.md).
# chat_app logs in with CHAT_DB_PASSWORD and owns the chat database's public schema and the tables in it, where
# the silos' migrations create the chat's and Orleans' tables; it is no superuser and creates no roles or
# databases. Running it again is harmless: it sets the password anew.
set -Eeo pipefail
: "${CHAT_DB_PASSWORD:?set CHAT_DB_PASSWORD}"

# The password is read from the environment inside psql (\getenv), never put on a command line that ps shows.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-chat}" \
    --set app_role=chat_app <<'SQL'
\getenv app_password CHAT_DB_PASSWORD
SELECT format('CREATE ROLE %I', :'app_role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec
ALTER ROLE :"app_role" WITH LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- Only the superuser and the app connect to the chat's database.
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO :"app_role";

ALTER SCHEMA public OWNER TO :"app_role";
-- Tables that silos created as the superuser before the role existed.
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'app_role') FROM pg_tables WHERE schemaname = 'public' \gexec
SQL
