-- The SQLite schema's 0001, in PostgreSQL: the same tables and column names, so that
-- `cyberdiplo storage copy` moves rows column for column. Flags stay integers (0/1)
-- and times unix milliseconds, as in SQLite.
CREATE TABLE chats (
    chat_key         TEXT PRIMARY KEY,
    lang             TEXT    NOT NULL DEFAULT '',
    muted            INTEGER NOT NULL DEFAULT 0,
    daily_enabled    INTEGER NOT NULL DEFAULT 0,
    daily_time       TEXT    NOT NULL DEFAULT '08:00',
    daily_zone       TEXT    NOT NULL DEFAULT 'Asia/Jakarta',
    daily_last_sent  TEXT    NOT NULL DEFAULT '',
    daily_lang       TEXT    NOT NULL DEFAULT '',
    last_fact_id     TEXT    NOT NULL DEFAULT '',
    last_topic       TEXT    NOT NULL DEFAULT '',
    last_at          BIGINT  NOT NULL DEFAULT 0,
    updated_at       BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE quiz_rounds (
    id          BIGSERIAL PRIMARY KEY,
    chat_key    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    fact_id     TEXT    NOT NULL,
    question    TEXT    NOT NULL,
    lang        TEXT    NOT NULL DEFAULT '',
    options     TEXT    NOT NULL,
    correct     INTEGER NOT NULL,
    created_at  BIGINT  NOT NULL,
    closed      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quiz_rounds_chat ON quiz_rounds (chat_key);

CREATE TABLE quiz_answers (
    round_id    BIGINT  NOT NULL REFERENCES quiz_rounds (id),
    chat_key    TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    user_name   TEXT    NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered_at BIGINT  NOT NULL,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX quiz_answers_chat_user ON quiz_answers (chat_key, user_id);

CREATE TABLE daily_sent (
    chat_key  TEXT NOT NULL,
    fact_id   TEXT NOT NULL,
    sent_on   TEXT NOT NULL,
    PRIMARY KEY (chat_key, fact_id)
);

CREATE TABLE curator_log (
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    chat_kind   TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    first_seen  BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL,
    PRIMARY KEY (kind, text, chat_kind)
);
CREATE INDEX curator_log_count ON curator_log (count DESC, last_seen DESC);
