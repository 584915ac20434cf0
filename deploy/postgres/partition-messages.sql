-- Turns the PostgreSQL `messages` table into one partitioned by HASH (room_id), in one transaction.
--
-- Run it with EVERY SILO STOPPED (web replicas may run on: they never touch `messages`), as the migrate step's admin,
-- after the migrate step has brought the schema up to date:
--
--     psql "$ADMIN_URL" -v partitions=16 -f deploy/postgres/partition-messages.sql
--
-- It holds an exclusive lock on `messages` while it copies every row, so it takes time proportional to the table
-- (docs/operations.md, "Partitioning messages by room (cluster mode)"). Any error undoes all of it: the table is
-- then as it was.
-- Both keys lead with room_id, which is why every query of the message log (always for one room) reads one
-- partition, and why both unique keys can be enforced per partition.

\set ON_ERROR_STOP on

-- Without -v partitions=N the check below fails with the usage, rather than psql with a syntax error.
\if :{?partitions}
\else
\set partitions ''
\endif

BEGIN;

-- The copy may take long: no timeout the admin's session may carry cuts it short. Waiting for a lock is bounded,
-- though: a lock that does not come means something still uses the table (a silo left running).
SET LOCAL statement_timeout = 0;
SET LOCAL lock_timeout = '10s';
SET LOCAL chat.partitions = :'partitions';

-- The migrate step's own lock (PostgresDatabase.SchemaLockKey, "OrlChat"): a migrate step started meanwhile waits
-- for this to finish instead of changing the table under it.
SELECT pg_advisory_xact_lock(22362332473090420) AS schema_locked \gset

-- What the migrations after 0004_roles create is chat_owner's, and its default privileges grant it to the silos:
-- creating the new tables as chat_owner makes them exactly what a migration would have made.
SET LOCAL ROLE chat_owner;
LOCK TABLE messages IN ACCESS EXCLUSIVE MODE;

DO $$
DECLARE
    partitions TEXT := current_setting('chat.partitions');
    kind       "char";
    owner      TEXT;
    indexes    TEXT;
BEGIN
    IF partitions !~ '^[1-9][0-9]{0,3}$' THEN
        RAISE EXCEPTION 'partitions must be a whole number from 1 to 9999, not "%"', partitions
            USING HINT = 'psql "$ADMIN_URL" -v partitions=16 -f deploy/postgres/partition-messages.sql';
    END IF;

    SELECT c.relkind, c.relowner::regrole::text INTO kind, owner FROM pg_class c WHERE c.oid = 'messages'::regclass;
    -- Running it twice must not repartition (nor copy) anything: a table that is partitioned already stays as it is.
    IF kind = 'p' THEN
        RAISE EXCEPTION 'messages is partitioned already (% partitions): nothing to do',
            (SELECT count(*) FROM pg_inherits WHERE inhparent = 'messages'::regclass);
    END IF;
    -- Before 0004_roles another role owned the tables, and the grants below would not be the migrations'.
    IF owner <> 'chat_owner' THEN
        RAISE EXCEPTION 'messages belongs to %, not chat_owner', owner
            USING HINT = 'Run the migrate step (OrleansChat.Silo migrate) first.';
    END IF;

    -- A silo keeps connections open while it runs: its appends would otherwise wait on the lock, then fail.
    IF EXISTS (SELECT FROM pg_stat_activity WHERE usename = 'chat_silo' AND datname = current_database()) THEN
        RAISE EXCEPTION 'chat_silo is connected to this database: stop every silo first';
    END IF;

    -- The new table gets the keys of 0001_chat.sql, the reply index of 0008_changes.sql and the search indexes of
    -- 0009_search.sql, rebuilt below by name. An index a later migration added would be silently lost: such a migration
    -- has to extend this script, and until then it refuses.
    SELECT string_agg(i.indexrelid::regclass::text, ', ' ORDER BY i.indexrelid::regclass::text) INTO indexes
    FROM pg_index i WHERE i.indrelid = 'messages'::regclass;
    IF indexes IS DISTINCT FROM 'messages_pkey, messages_room_client_message_id, messages_room_reply_to_seq, messages_search, messages_sent_at' THEN
        RAISE EXCEPTION 'messages has the indexes %, this script knows messages_pkey, messages_room_client_message_id, messages_room_reply_to_seq, messages_search and messages_sent_at only', indexes;
    END IF;
END
$$;

-- The old table steps aside with its constraint and index, so that the new ones carry the names the migrations gave.
ALTER TABLE messages RENAME TO messages_unpartitioned;
ALTER TABLE messages_unpartitioned RENAME CONSTRAINT messages_pkey TO messages_unpartitioned_pkey;
ALTER INDEX messages_room_client_message_id RENAME TO messages_unpartitioned_room_client_message_id;
ALTER INDEX messages_room_reply_to_seq RENAME TO messages_unpartitioned_room_reply_to_seq;
ALTER INDEX messages_search RENAME TO messages_unpartitioned_search;
ALTER INDEX messages_sent_at RENAME TO messages_unpartitioned_sent_at;

-- LIKE takes the columns as they are now, in their order (with defaults and checks), whatever later migrations
-- added; the keys come after the copy.
CREATE TABLE messages (
    LIKE messages_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS
) PARTITION BY HASH (room_id);

-- messages_p0 .. messages_pN-1: a room's rows all land in the partition its id hashes to.
DO $$
DECLARE
    partitions INTEGER := current_setting('chat.partitions')::INTEGER;
BEGIN
    FOR remainder IN 0 .. partitions - 1 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF messages FOR VALUES WITH (MODULUS %s, REMAINDER %s)',
                       'messages_p' || remainder, partitions, remainder);
    END LOOP;
END
$$;

INSERT INTO messages SELECT * FROM messages_unpartitioned;

-- Built once per partition over the copied rows (a sort each), which is faster than maintaining them row by row.
-- On a partitioned table each partition gets its own index, and the parent's enforces nothing more: unique keys
-- that contain the partition key are unique across the whole table.
ALTER TABLE messages ADD CONSTRAINT messages_pkey PRIMARY KEY (room_id, seq);
CREATE UNIQUE INDEX messages_room_client_message_id ON messages (room_id, client_message_id);
CREATE INDEX messages_room_reply_to_seq ON messages (room_id, reply_to_seq) WHERE reply_to_seq IS NOT NULL;
-- Full-text search (migration 0009_search), on every partition: the search names this same expression.
CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple'::regconfig, text));
CREATE INDEX messages_sent_at ON messages (sent_at_ms);

-- The owner's default privileges gave the new tables the silos' privileges. Whatever else the old table had (an
-- operator's read-only reporting role, a privilege revoked by hand) is made the same on the parent and on every
-- partition: first each new grant is taken back, then the old table's grants are given again.
-- (A regrole prints as an identifier, quoted where it needs to be.)
DO $$
DECLARE
    relation REGCLASS;
    entry    RECORD;
BEGIN
    FOR relation IN SELECT 'messages'::regclass UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'messages'::regclass LOOP
        FOR entry IN
            SELECT DISTINCT a.grantee FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.oid = relation AND a.grantee <> c.relowner
        LOOP
            EXECUTE format('REVOKE ALL ON %s FROM %s', relation,
                           CASE WHEN entry.grantee = 0 THEN 'PUBLIC' ELSE entry.grantee::regrole::text END);
        END LOOP;
        FOR entry IN
            SELECT a.grantee, a.privilege_type, a.is_grantable FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.oid = 'messages_unpartitioned'::regclass AND a.grantee <> c.relowner
        LOOP
            EXECUTE format('GRANT %s ON %s TO %s%s', entry.privilege_type, relation,
                           CASE WHEN entry.grantee = 0 THEN 'PUBLIC' ELSE entry.grantee::regrole::text END,
                           CASE WHEN entry.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
        END LOOP;
    END LOOP;
END
$$;

DROP TABLE messages_unpartitioned;

-- The planner's statistics for the new partitions, which would otherwise wait for autovacuum.
ANALYZE messages;

COMMIT;
