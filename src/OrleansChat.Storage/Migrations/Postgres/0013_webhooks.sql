-- Outgoing webhooks. An endpoint belongs to a site; events lists what it subscribed to between commas
-- (',message.created,') so that one LIKE matches a type. Every event is written here, one delivery row per
-- subscribed endpoint, before anything delivers it (the outbox); delivery_id orders a conversation's events, and
-- the dispatcher sends a conversation's next pending delivery only once the one before it is received.
CREATE TABLE webhook_endpoints (
    endpoint_id   TEXT   NOT NULL PRIMARY KEY,
    site_id       TEXT   NOT NULL,
    url           TEXT   NOT NULL,
    secret        TEXT   NOT NULL,
    events        TEXT   NOT NULL,
    created_by    TEXT   NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id);

CREATE TABLE webhook_deliveries (
    delivery_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id      TEXT   NOT NULL,
    site_id          TEXT   NOT NULL,
    event_id         TEXT   NOT NULL,
    event_type       TEXT   NOT NULL,
    conversation_id  TEXT   NOT NULL,
    body             TEXT   NOT NULL,
    status           TEXT   NOT NULL,
    attempts         INT    NOT NULL,
    last_status_code INT,
    last_error       TEXT,
    created_at_ms    BIGINT NOT NULL,
    next_attempt_ms  BIGINT NOT NULL,
    delivered_at_ms  BIGINT
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (site_id, endpoint_id, conversation_id, delivery_id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, delivery_id);
-- An event written twice (the desk told of a message again) is delivered once.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (endpoint_id, event_id);
