-- Cartwright schema, version 4, for MariaDB: the outbox's retry state, as db/cartwright/migration/V4 adds it
-- (next attempt in nanoseconds since the epoch, 0 for entries from before; a parked flag; the last failure,
-- cut by core to 500 characters), and the index that answers "not parked, due, oldest first" without a sort.

ALTER TABLE outbox
    ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN parked BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN last_error VARCHAR(1000);

CREATE INDEX ix_outbox_due ON outbox (parked, seq, next_attempt_at);
