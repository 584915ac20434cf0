-- Full-text search (GET /api/search) with FTS5. messages is a WITHOUT ROWID table, and an FTS5 index needs an
-- integer row id per document: message_search_rows hands one out per message, in the order messages are stored,
-- which also makes "newest first" the index's own order. message_search is an external-content index: it keeps
-- no copy of the text, reading it (for snippets) through message_search_content, and the triggers below keep it in
-- step with every insert, update of the text (an edit, a deletion's emptied text) and delete (archiving).
-- unicode61 without removing diacritics: words lower-cased, split on everything but letters and digits, no
-- stemming, as PostgreSQL's 'simple' configuration does in cluster mode (café is not cafe on either engine).
CREATE TABLE message_search_rows (
    row_id  INTEGER NOT NULL PRIMARY KEY,
    room_id TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    UNIQUE (room_id, seq)
);

CREATE VIEW message_search_content AS
SELECT s.row_id, m.text FROM message_search_rows s JOIN messages m ON m.room_id = s.room_id AND m.seq = s.seq;

CREATE VIRTUAL TABLE message_search USING fts5(
    text, content = 'message_search_content', content_rowid = 'row_id', tokenize = 'unicode61 remove_diacritics 0');

-- The messages stored before this migration, oldest first.
INSERT INTO message_search_rows (room_id, seq) SELECT room_id, seq FROM messages ORDER BY sent_at_ms, room_id, seq;
INSERT INTO message_search (message_search) VALUES ('rebuild');

CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search_rows (room_id, seq) VALUES (new.room_id, new.seq);
    INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), new.text);
END;

-- An external-content index forgets a row by being told the text it indexed: the old one.
CREATE TRIGGER message_search_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, text)
    SELECT 'delete', row_id, old.text FROM message_search_rows WHERE room_id = old.room_id AND seq = old.seq;
    INSERT INTO message_search (rowid, text)
    SELECT row_id, new.text FROM message_search_rows WHERE room_id = new.room_id AND seq = new.seq;
END;

CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, text)
    SELECT 'delete', row_id, old.text FROM message_search_rows WHERE room_id = old.room_id AND seq = old.seq;
    DELETE FROM message_search_rows WHERE room_id = old.room_id AND seq = old.seq;
END;
