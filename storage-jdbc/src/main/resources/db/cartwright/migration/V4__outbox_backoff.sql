-- Cartwright schema, version 4: the outbox's retry state, so that an event a listener keeps failing on waits
-- (and is finally parked) while the events behind it are delivered.
-- next_attempt_at: nanoseconds since the epoch; entries from before this version are due at once (0).
-- parked: TRUE once delivery gave up; such an entry waits for staff to retry or drop it.
-- last_error: the last failure, cut by core to 500 characters.
-- ix_outbox_due answers "not parked, due, oldest first" by walking the unparked entries in sequence order and
-- checking each one's next attempt in the index, so a batch never sorts; it also counts and pages the parked.

ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN parked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE outbox ADD COLUMN last_error VARCHAR(1000);

CREATE INDEX ix_outbox_due ON outbox (parked, seq, next_attempt_at);
