-- A daily fact is claimed for a while (the lease) before it is sent, and marked sent
-- (daily_last_sent) only once delivered: a claimer that dies before sending lets another
-- process claim it again after daily_claim_until (unix ms).
ALTER TABLE chats ADD COLUMN daily_claim_on TEXT NOT NULL DEFAULT '';
ALTER TABLE chats ADD COLUMN daily_claim_fact TEXT NOT NULL DEFAULT '';
ALTER TABLE chats ADD COLUMN daily_claim_until INTEGER NOT NULL DEFAULT 0;
