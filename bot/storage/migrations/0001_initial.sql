-- Chats: settings and the last answer. lang, last_fact_id and last_topic back bot.Store.
CREATE TABLE chats (
    chat_key         TEXT PRIMARY KEY,
    lang             TEXT    NOT NULL DEFAULT '',
    muted            INTEGER NOT NULL DEFAULT 0,
    daily_enabled    INTEGER NOT NULL DEFAULT 0,
    daily_time       TEXT    NOT NULL DEFAULT '08:00',
    daily_zone       TEXT    NOT NULL DEFAULT 'Asia/Jakarta',
    daily_last_sent  TEXT    NOT NULL DEFAULT '',  -- local date YYYY-MM-DD
    daily_lang       TEXT    NOT NULL DEFAULT '',  -- language of the /daily command
    last_fact_id     TEXT    NOT NULL DEFAULT '',
    last_topic       TEXT    NOT NULL DEFAULT '',
    last_at          INTEGER NOT NULL DEFAULT 0,   -- unix milliseconds, 0 = never
    updated_at       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE quiz_rounds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_key    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    fact_id     TEXT    NOT NULL,
    question    TEXT    NOT NULL,
    lang        TEXT    NOT NULL DEFAULT '',
    options     TEXT    NOT NULL,  -- JSON array of strings
    correct     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,  -- unix milliseconds
    closed      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quiz_rounds_chat ON quiz_rounds (chat_key);

-- The primary key makes the first answer per user and round the one that counts.
CREATE TABLE quiz_answers (
    round_id    INTEGER NOT NULL REFERENCES quiz_rounds (id),
    chat_key    TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    user_name   TEXT    NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX quiz_answers_chat_user ON quiz_answers (chat_key, user_id);

CREATE TABLE daily_sent (
    chat_key  TEXT NOT NULL,
    fact_id   TEXT NOT NULL,
    sent_on   TEXT NOT NULL,  -- local date YYYY-MM-DD
    PRIMARY KEY (chat_key, fact_id)
);

-- Curators' log: normalised text and chat kind only, never a user or chat id.
CREATE TABLE curator_log (
    kind        TEXT    NOT NULL,  -- refused | low-confidence | report
    text        TEXT    NOT NULL,
    chat_kind   TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (kind, text, chat_kind)
);
CREATE INDEX curator_log_count ON curator_log (count DESC, last_seen DESC);
