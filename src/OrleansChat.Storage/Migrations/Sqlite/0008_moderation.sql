-- Moderation. Mutes and bans are rows of their own, apart from room_members: leaving and joining again ends
-- neither. A mute lasts until muted_until_ms (an ended one may stay until the next mute replaces it); a ban lasts
-- until a moderator lifts it, and while it does the user is no member.
CREATE TABLE room_mutes (
    room_id        TEXT    NOT NULL REFERENCES rooms (room_id),
    user_id        TEXT    NOT NULL,
    muted_until_ms INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;

CREATE TABLE room_bans (
    room_id      TEXT    NOT NULL REFERENCES rooms (room_id),
    user_id      TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    banned_by    TEXT    NOT NULL,
    banned_at_ms INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
