-- Rooms and their members as rows. A user's room list with unread counts is one join, presence finds the rooms
-- that web nodes listen to with one query, and a read cursor moves by updating one row: none of it activates a
-- room or rewrites a room's whole member list. The room grain's state keeps what never changes after creation.
CREATE TABLE rooms (
    room_id           TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    visibility        TEXT    NOT NULL,
    created_at_ms     INTEGER NOT NULL,
    -- Raised by every message append, in the append's transaction.
    last_seq          INTEGER NOT NULL DEFAULT 0,
    -- Raised, with the member rows' removal, whenever someone stops being allowed to read the room.
    access_revision   INTEGER NOT NULL DEFAULT 0,
    -- Until when web nodes listen to the room: presence is told only to rooms someone listens to.
    observed_until_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE room_members (
    room_id      TEXT    NOT NULL REFERENCES rooms (room_id),
    user_id      TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    read_seq     INTEGER NOT NULL DEFAULT 0,
    joined_at_ms INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;

CREATE INDEX room_members_user ON room_members (user_id, room_id);

-- Rooms created before this migration kept their members, read cursors and access revision in their JSON state
-- (grain_state, state name "room", grain id "room/<room id>"). They move here; the room grain empties those fields
-- on its first activation.
INSERT INTO rooms (room_id, name, kind, visibility, created_at_ms, last_seq, access_revision)
SELECT substr(s.grain_id, 6), COALESCE(json_extract(s.payload, '$.name'), ''),
       lower(json_extract(s.payload, '$.kind')), lower(json_extract(s.payload, '$.visibility')),
       CAST(round((julianday(json_extract(s.payload, '$.createdAt')) - 2440587.5) * 86400000) AS INTEGER),
       COALESCE((SELECT MAX(m.seq) FROM messages m WHERE m.room_id = substr(s.grain_id, 6)), 0),
       COALESCE(json_extract(s.payload, '$.accessRevision'), 0)
FROM grain_state s
WHERE s.state_name = 'room' AND s.grain_id LIKE 'room/%' AND json_extract(s.payload, '$.created') = 1
ON CONFLICT (room_id) DO NOTHING;

INSERT INTO room_members (room_id, user_id, display_name, role, read_seq, joined_at_ms)
SELECT r.room_id, m.key, COALESCE(json_extract(m.value, '$.displayName'), ''), lower(json_extract(m.value, '$.role')),
       COALESCE(json_extract(m.value, '$.readSeq'), 0),
       CAST(round((julianday(json_extract(m.value, '$.joinedAt')) - 2440587.5) * 86400000) AS INTEGER)
FROM grain_state s
JOIN rooms r ON r.room_id = substr(s.grain_id, 6)
JOIN json_each(s.payload, '$.members') m
WHERE s.state_name = 'room' AND s.grain_id LIKE 'room/%'
ON CONFLICT (room_id, user_id) DO NOTHING;
