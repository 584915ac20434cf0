-- Retention: a room's messages below a seq move here, out of the live log, in one transaction (an admin's
-- POST /api/rooms/{roomId}/archive). The room's history then begins at the lowest seq left; seqs are never handed
-- out again (the newest message always stays, and the next seq follows it). archived_at_ms says when they moved.
CREATE TABLE messages_archive (
    room_id           TEXT   NOT NULL,
    seq               BIGINT NOT NULL,
    message_id        TEXT   NOT NULL,
    client_message_id TEXT   NOT NULL,
    sender_id         TEXT   NOT NULL,
    sender_name       TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    text              TEXT   NOT NULL,
    sent_at_ms        BIGINT NOT NULL,
    archived_at_ms    BIGINT NOT NULL,
    PRIMARY KEY (room_id, seq)
);

-- A send retried after its original moved here is found here, and not stored twice.
CREATE INDEX messages_archive_room_client_message_id ON messages_archive (room_id, client_message_id);
