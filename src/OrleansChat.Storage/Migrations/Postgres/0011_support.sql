-- The support desk's conversations, one row each, written by the desk whenever one changes: the desk keeps only
-- open ones in its state, and a resolved one lives on here alone (listed, searched, reported on, reopened).
-- labels, history (every status with its time and agent) and pages are JSON arrays; the rating is the visitor's,
-- written once and never by the desk's own writes. visitor_email and wants_transcript: where the visitor asked to be
-- answered while away, kept through the archive so that a reopened conversation still reaches them. resolved_at_ms is set while the status is resolved.
CREATE TABLE support_conversations (
    site_id         TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    room_id         TEXT    NOT NULL,
    visitor_id      TEXT    NOT NULL,
    visitor_name    TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    agent_id        TEXT,
    topic           TEXT,
    page            TEXT,
    created_at_ms   BIGINT NOT NULL,
    status_since_ms BIGINT NOT NULL,
    resolved_at_ms  BIGINT,
    revision        BIGINT NOT NULL,
    labels          TEXT    NOT NULL,
    history         TEXT    NOT NULL,
    pages           TEXT    NOT NULL,
    visitor_email   TEXT,
    wants_transcript INTEGER NOT NULL,
    rating          INTEGER,
    rating_comment  TEXT,
    rated_at_ms     BIGINT,
    PRIMARY KEY (site_id, conversation_id)
);

CREATE INDEX support_conversations_created ON support_conversations (site_id, created_at_ms, conversation_id);
CREATE INDEX support_conversations_visitor ON support_conversations (site_id, visitor_id, created_at_ms);
CREATE INDEX support_conversations_resolved ON support_conversations (site_id, resolved_at_ms) WHERE resolved_at_ms IS NOT NULL;
