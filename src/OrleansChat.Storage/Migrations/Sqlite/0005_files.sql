-- Attachments. Every uploaded file has a row from its upload on: its room, its uploader, what it is, and, once a
-- message carries it, that message (sent_as is the message's client message id, set in the append's transaction).
-- A file no message carries is forgotten after a day. The bytes live in the file store, under the file's id.
CREATE TABLE files (
    file_id         TEXT    NOT NULL PRIMARY KEY,
    room_id         TEXT    NOT NULL,
    uploader_id     TEXT    NOT NULL,
    client_file_id  TEXT,
    file_name       TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size_bytes      INTEGER NOT NULL,
    width           INTEGER,
    height          INTEGER,
    thumb_width     INTEGER,
    thumb_height    INTEGER,
    uploaded_at_ms  INTEGER NOT NULL,
    sent_as         TEXT,
    message_id      TEXT
) WITHOUT ROWID;

-- A retried upload finds its original.
CREATE UNIQUE INDEX files_room_uploader_client_file_id ON files (room_id, uploader_id, client_file_id)
    WHERE client_file_id IS NOT NULL;
CREATE INDEX files_unsent_uploaded_at ON files (uploaded_at_ms) WHERE sent_as IS NULL;

-- What a message carries, as it was sent (a JSON array of attachments; NULL when none).
ALTER TABLE messages ADD COLUMN attachments TEXT;
ALTER TABLE messages_archive ADD COLUMN attachments TEXT;
