-- The replica (process) holding each inbox row: PendingUpdates takes over only rows
-- held by another, so a periodic sweep never replays this process's own in-flight
-- updates. '' is rows from before this migration.
ALTER TABLE inbox ADD COLUMN holder TEXT NOT NULL DEFAULT '';
