-- Least privilege: the processes stop connecting as the superuser (who could also rewrite the SQL that Orleans runs
-- from orleansquery). Three roles, created here without passwords or LOGIN; `OrleansChat.Silo migrate` gives the
-- two that connect their LOGIN and password from its configuration, so no secret is ever in a SQL file.
--   chat_owner  owns the schema and every table: the migrations after this one run as it. Never logs in.
--   chat_silo   reads and writes the chat's and Orleans' tables; reads orleansquery and schema_migrations; no DDL.
--   chat_web    web nodes: reads what Orleans' client needs to find gateways, nothing else.
-- This runs as the migrate step's admin (a superuser, or a role with CREATEROLE that owns the tables).
-- Roles belong to the whole server, not to one database: a role made for another database on the same server is
-- reused, and a concurrent migration of another database may create it first.

DO $$
DECLARE
    role_name TEXT;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['chat_owner', 'chat_silo', 'chat_web'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
        EXECUTE format('ALTER ROLE %I NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', role_name);
    END LOOP;
END
$$;

-- Only the two roles that connect (and the admin) may connect to this database. The owner may make the temporary
-- tables a data migration stages rows in (PUBLIC could, before this).
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO chat_silo, chat_web', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO chat_owner', current_database());
END
$$;

-- The owner owns the schema and every table in it, whoever created them before (the superuser, or the chat_app role
-- of deployments from before this migration).
ALTER SCHEMA public OWNER TO chat_owner;
DO $$
DECLARE
    table_name TEXT;
BEGIN
    FOR table_name IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('ALTER TABLE public.%I OWNER TO chat_owner', table_name);
    END LOOP;
END
$$;

-- Nobody else creates objects in the schema (PostgreSQL before 15 let everyone).
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO chat_silo, chat_web;

-- The silos: rows, never tables. The statements Orleans runs and the migration history are read-only to them.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chat_silo;
REVOKE INSERT, UPDATE, DELETE ON orleansquery, schema_migrations FROM chat_silo;

-- The web nodes: Orleans' client reads its statements, then the gateways in the membership table.
GRANT SELECT ON orleansquery, orleansmembershiptable TO chat_web;

-- What later migrations create (as chat_owner) is the silos' at once. Functions are executable by PUBLIC unless
-- revoked: only the silos get them.
ALTER DEFAULT PRIVILEGES FOR ROLE chat_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chat_silo;
ALTER DEFAULT PRIVILEGES FOR ROLE chat_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO chat_silo;
ALTER DEFAULT PRIVILEGES FOR ROLE chat_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE chat_owner IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO chat_silo;

-- The migrations after this one, in this same run, are the owner's too (later runs switch to it at their start:
-- PostgresDatabase.BeginMigrationAsync).
SET LOCAL ROLE chat_owner;
