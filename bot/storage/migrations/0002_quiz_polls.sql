-- Native quiz polls (Telegram sendPoll type=quiz): the platform's poll id of a round, so
-- poll answers are scored after a restart too.
CREATE TABLE quiz_polls (
    poll_ref  TEXT PRIMARY KEY,  -- "telegram:<poll id>"
    round_id  INTEGER NOT NULL REFERENCES quiz_rounds (id)
);
