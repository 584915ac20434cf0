-- The chat's own tables. Messages are append-only: (room_id, seq) numbers them, and a client message id is
-- accepted once per room, which makes retried sends idempotent.
CREATE TABLE messages (
    room_id           TEXT   NOT NULL,
    seq               BIGINT NOT NULL,
    message_id        TEXT   NOT NULL,
    client_message_id TEXT   NOT NULL,
    sender_id         TEXT   NOT NULL,
    sender_name       TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    text              TEXT   NOT NULL,
    sent_at_ms        BIGINT NOT NULL,
    PRIMARY KEY (room_id, seq)
);

CREATE UNIQUE INDEX messages_room_client_message_id ON messages (room_id, client_message_id);
