-- Mail the desk sends (answers to visitors who left, transcripts, alerts to agents), stored before it is sent.
-- mail_key names what a mail is about, so that telling it twice queues it once. An unsent mail is due at due_at_ms:
-- a sender claiming it pushes that on by a lease (a sender that dies mid-send leaves it to another), a failure by
-- the retry delay; sent_at_ms ends it.
CREATE TABLE mail_outbox (
    id            BIGSERIAL PRIMARY KEY,
    mail_key      TEXT      NOT NULL UNIQUE,
    recipient     TEXT      NOT NULL,
    subject       TEXT      NOT NULL,
    body          TEXT      NOT NULL,
    queued_at_ms  BIGINT    NOT NULL,
    due_at_ms     BIGINT    NOT NULL,
    attempts      INTEGER   NOT NULL DEFAULT 0,
    last_error    TEXT,
    sent_at_ms    BIGINT
);

CREATE INDEX mail_outbox_due ON mail_outbox (due_at_ms) WHERE sent_at_ms IS NULL;
