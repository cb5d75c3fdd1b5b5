CREATE TABLE quiz_polls (
    poll_ref  TEXT PRIMARY KEY,
    round_id  BIGINT NOT NULL REFERENCES quiz_rounds (id)
);
