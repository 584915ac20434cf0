-- The support desk's private notes and canned responses. Notes live apart from messages: visitors read a room's
-- messages and search indexes them, and neither may ever see a note.
CREATE TABLE support_notes (
    site_id         TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    note_id         TEXT    NOT NULL,
    author_id       TEXT    NOT NULL,
    author_name     TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (site_id, conversation_id, note_id)
) WITHOUT ROWID;

CREATE INDEX support_notes_by_time ON support_notes (site_id, conversation_id, created_at_ms);

CREATE TABLE canned_responses (
    site_id       TEXT    NOT NULL,
    response_id   TEXT    NOT NULL,
    shortcut      TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (site_id, response_id),
    UNIQUE (site_id, shortcut)
) WITHOUT ROWID;
