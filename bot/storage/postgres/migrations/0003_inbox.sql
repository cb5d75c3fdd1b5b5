CREATE TABLE inbox (
    platform     TEXT    NOT NULL,
    update_id    BIGINT  NOT NULL,
    payload      BYTEA   NOT NULL,
    received_at  BIGINT  NOT NULL,
    finished_at  BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, update_id)
);
CREATE INDEX inbox_pending ON inbox (platform, finished_at, update_id);
