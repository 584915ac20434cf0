-- Rooms and their members as rows. A user's room list with unread counts is one join, presence finds the rooms
-- that web nodes listen to with one query, and a read cursor moves by updating one row: none of it activates a
-- room or rewrites a room's whole member list. The room grain's state keeps what never changes after creation.
CREATE TABLE rooms (
    room_id           TEXT   NOT NULL PRIMARY KEY,
    name              TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    visibility        TEXT   NOT NULL,
    created_at_ms     BIGINT NOT NULL,
    -- Raised by every message append, in the append's transaction.
    last_seq          BIGINT NOT NULL DEFAULT 0,
    -- Raised, with the member rows' removal, whenever someone stops being allowed to read the room.
    access_revision   BIGINT NOT NULL DEFAULT 0,
    -- Until when web nodes listen to the room: presence is told only to rooms someone listens to.
    observed_until_ms BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE room_members (
    room_id      TEXT   NOT NULL REFERENCES rooms (room_id),
    user_id      TEXT   NOT NULL,
    display_name TEXT   NOT NULL,
    role         TEXT   NOT NULL,
    read_seq     BIGINT NOT NULL DEFAULT 0,
    joined_at_ms BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user ON room_members (user_id, room_id);

-- Rooms created before this migration kept their members, read cursors and access revision in their JSON state
-- (Orleans' rows, state name "room", keyed by the room id). They move here; the room grain empties those fields on
-- its first activation (and moves whatever an older silo wrote there meanwhile).
CREATE TEMPORARY TABLE legacy_rooms ON COMMIT DROP AS
SELECT s.grainidextensionstring AS room_id, convert_from(s.payloadbinary, 'UTF8')::jsonb AS state
FROM orleansstorage s
WHERE s.graintypestring = 'room' AND s.payloadbinary IS NOT NULL;

INSERT INTO rooms (room_id, name, kind, visibility, created_at_ms, last_seq, access_revision)
SELECT l.room_id, COALESCE(l.state ->> 'name', ''), lower(l.state ->> 'kind'), lower(l.state ->> 'visibility'),
       (extract(epoch FROM (l.state ->> 'createdAt')::timestamptz) * 1000)::bigint,
       COALESCE((SELECT MAX(m.seq) FROM messages m WHERE m.room_id = l.room_id), 0),
       COALESCE((l.state ->> 'accessRevision')::bigint, 0)
FROM legacy_rooms l
WHERE (l.state ->> 'created')::boolean
ON CONFLICT (room_id) DO NOTHING;

INSERT INTO room_members (room_id, user_id, display_name, role, read_seq, joined_at_ms)
SELECT l.room_id, m.key, COALESCE(m.value ->> 'displayName', ''), lower(m.value ->> 'role'),
       COALESCE((m.value ->> 'readSeq')::bigint, 0),
       (extract(epoch FROM (m.value ->> 'joinedAt')::timestamptz) * 1000)::bigint
FROM legacy_rooms l
JOIN rooms r ON r.room_id = l.room_id
CROSS JOIN LATERAL jsonb_each(COALESCE(l.state -> 'members', '{}'::jsonb)) m
ON CONFLICT (room_id, user_id) DO NOTHING;

-- A grain's state version counts its writes: as an INTEGER it would stop a busy grain after 2^31 of them.
ALTER TABLE orleansstorage ALTER COLUMN version TYPE BIGINT;
