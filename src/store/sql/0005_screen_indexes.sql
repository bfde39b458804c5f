-- smmdeck schema v5: indexes for the reads every screen makes.
--
-- The daily tables by day. Their keys lead with the account, which serves one account's days;
-- the all-accounts reads (the analytics trend, daily totals) want the days of every account in
-- day order, which without these is a full scan and a sort.
CREATE INDEX account_metrics_day ON account_metrics (day, reach);
CREATE INDEX account_daily_summary_day
    ON account_daily_summary (day, posts, views, reach, engagements, clicks);

-- An account's posts by slot, with the status: the calendar's close-post warnings and planned
-- counts per week read this index alone, account by account, in slot order.
DROP INDEX posts_account_when;
CREATE INDEX posts_account_when ON posts (account_id, scheduled_at, id, status);
