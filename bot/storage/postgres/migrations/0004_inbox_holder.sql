-- Several replicas share the inbox: each row names the replica that holds it, and each
-- replica heartbeats its row in replicas, so a survivor takes over (exactly once) what
-- a replica that stopped beating held. '' is "held by no live replica" (rows from
-- before this migration).
ALTER TABLE inbox ADD COLUMN holder TEXT NOT NULL DEFAULT '';

CREATE TABLE replicas (
    id       TEXT   PRIMARY KEY,
    started  BIGINT NOT NULL,  -- unix ms, server clock
    seen_at  BIGINT NOT NULL   -- unix ms, server clock: the last heartbeat
);
