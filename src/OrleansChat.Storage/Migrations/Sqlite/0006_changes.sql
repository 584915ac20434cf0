-- Messages that change after they are sent: edits, deletions and reactions. Each change gets the room's next
-- change seq (gap free, beside the messages' own seq, which never changes) and a row in message_changes, so that a
-- client that was away reads every change it missed, in order. The message's row holds its current state: its text
-- as last edited, a tombstone once deleted (text '', no attachments, no reactions), the reactions' counts in the order
-- first given, and the change seq of its latest change. A reply quotes the message it answers as it was then; the
-- quote's excerpt is emptied when that message is deleted. mentions are the members the text names (@userId), a JSON
-- array as of the latest edit.
ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE messages ADD COLUMN reply_sender_id TEXT;
ALTER TABLE messages ADD COLUMN reply_sender_name TEXT;
ALTER TABLE messages ADD COLUMN reply_excerpt TEXT;
ALTER TABLE messages ADD COLUMN edited_at_ms BIGINT;
ALTER TABLE messages ADD COLUMN deleted_at_ms BIGINT;
ALTER TABLE messages ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN reactions TEXT;
ALTER TABLE messages ADD COLUMN mentions TEXT;

ALTER TABLE messages_archive ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE messages_archive ADD COLUMN reply_sender_id TEXT;
ALTER TABLE messages_archive ADD COLUMN reply_sender_name TEXT;
ALTER TABLE messages_archive ADD COLUMN reply_excerpt TEXT;
ALTER TABLE messages_archive ADD COLUMN edited_at_ms BIGINT;
ALTER TABLE messages_archive ADD COLUMN deleted_at_ms BIGINT;
ALTER TABLE messages_archive ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages_archive ADD COLUMN reactions TEXT;
ALTER TABLE messages_archive ADD COLUMN mentions TEXT;

-- A deletion empties the quotes of the deleted message.
CREATE INDEX messages_room_reply_to_seq ON messages (room_id, reply_to_seq) WHERE reply_to_seq IS NOT NULL;

-- kind: edited (text is the new text, emptied once the message is deleted, and mentions whom it names), deleted, or
-- reaction (emoji given,
-- reacted 1, or taken back, 0, by user_id; count is how many give it now).
CREATE TABLE message_changes (
    room_id     TEXT    NOT NULL,
    change_seq  BIGINT  NOT NULL,
    seq         BIGINT  NOT NULL,
    kind        TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    at_ms       BIGINT  NOT NULL,
    text        TEXT,
    emoji       TEXT,
    reacted     INTEGER,
    count       INTEGER,
    mentions    TEXT,
    PRIMARY KEY (room_id, change_seq)
);

CREATE INDEX message_changes_room_seq ON message_changes (room_id, seq);

-- Who gave which reaction: a toggle adds or removes one row, never rewrites the message's others.
CREATE TABLE reactions (
    room_id  TEXT    NOT NULL,
    seq      BIGINT  NOT NULL,
    emoji    TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    PRIMARY KEY (room_id, seq, emoji, user_id)
);

CREATE INDEX reactions_room_user ON reactions (room_id, user_id, seq);

-- The files of a deleted message are no longer served; the file sweep removes them.
ALTER TABLE files ADD COLUMN deleted_at_ms BIGINT;

-- Who a message mentions, one row each, kept in step with edits and deletions: a member's room list counts the
-- mentions after their read cursor.
CREATE TABLE mentions (
    user_id  TEXT    NOT NULL,
    room_id  TEXT    NOT NULL,
    seq      BIGINT  NOT NULL,
    PRIMARY KEY (user_id, room_id, seq)
);
