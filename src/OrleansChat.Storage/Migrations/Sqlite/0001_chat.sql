-- The chat's own tables. Messages are append-only: (room_id, seq) numbers them, and a client message id is
-- accepted once per room, which makes retried sends idempotent.
CREATE TABLE messages (
    room_id           TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    message_id        TEXT    NOT NULL,
    client_message_id TEXT    NOT NULL,
    sender_id         TEXT    NOT NULL,
    sender_name       TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    text              TEXT    NOT NULL,
    sent_at_ms        INTEGER NOT NULL,
    PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;

CREATE UNIQUE INDEX messages_room_client_message_id ON messages (room_id, client_message_id);

-- Grain state (rooms, users): one JSON document per grain and state name, guarded by a version.
CREATE TABLE grain_state (
    state_name    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    payload       TEXT    NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (state_name, grain_id)
) WITHOUT ROWID;
