-- Some exports give a post's date without its time (X's current analytics, TikTok Studio's
-- per-video file). Such a post is stored at noon of that day in its account's zone and flagged,
-- so that it is shown as a date, never as a made-up midnight.
ALTER TABLE posts ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0;
