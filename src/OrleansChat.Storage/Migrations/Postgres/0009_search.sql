-- Full-text search (GET /api/search). An index on an expression of the text rather than a stored tsvector column:
-- no rewrite of the table now and no extra bytes per row, and PostgreSQL keeps it in step with every insert, every
-- update of the text (an edit, a deletion's emptied text) and every delete (archiving) by itself. The search must
-- name the same expression to use it (PostgresSearchDialect).
-- The 'simple' configuration: words as written, lower-cased, no stemming and no stop words, the same for every
-- language a room may speak (a stemming configuration suits one language and mangles the others); it matches what
-- SQLite's unicode61 tokenizer does in embedded mode, so a search finds the same messages on either engine.
CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple'::regconfig, text));

-- Search across rooms is newest first by sent time: with this index the latest messages are found without reading
-- every match of a common word (PostgresSearchDialect.AcrossRooms).
CREATE INDEX messages_sent_at ON messages (sent_at_ms);
