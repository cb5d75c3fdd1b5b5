-- The adapters' inbox: each incoming update from receipt until its reply is delivered,
-- so that an update acknowledged to the platform is answered after a stop too. Finished
-- rows stay a while (finished_at > 0) to recognise the platform's redeliveries.
CREATE TABLE inbox (
    platform     TEXT    NOT NULL,
    update_id    INTEGER NOT NULL,
    payload      BLOB    NOT NULL,
    received_at  INTEGER NOT NULL,          -- unix ms
    finished_at  INTEGER NOT NULL DEFAULT 0, -- unix ms; 0 while waiting for its reply
    PRIMARY KEY (platform, update_id)
);
CREATE INDEX inbox_pending ON inbox (platform, finished_at, update_id);
