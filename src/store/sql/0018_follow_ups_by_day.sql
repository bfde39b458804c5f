-- smmdeck schema v18: open follow-ups kept per day. The follow-ups-due count (the tab bar,
-- Today, the Contacts header) walked every open follow-up up to today in the index of schema 11:
-- 0.2 ms at 10,000 contacts after every contacts write, the largest read of a stage move. Here
-- each day has the number of contacts, neither paid nor declined, to follow up on it, kept by
-- triggers on every insert, delete and change of the two columns that decide it; the count is a
-- sum over the days up to today.
CREATE TABLE contact_follow_ups (
    day TEXT    NOT NULL PRIMARY KEY,
    n   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO contact_follow_ups (day, n)
SELECT follow_up_on, COUNT(*) FROM contacts
 WHERE follow_up_on IS NOT NULL AND stage NOT IN ('paid', 'declined')
 GROUP BY follow_up_on;

CREATE TRIGGER contact_follow_up_insert AFTER INSERT ON contacts
WHEN new.follow_up_on IS NOT NULL AND new.stage NOT IN ('paid', 'declined') BEGIN
    INSERT INTO contact_follow_ups (day, n) VALUES (new.follow_up_on, 1)
    ON CONFLICT (day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contact_follow_up_delete AFTER DELETE ON contacts
WHEN old.follow_up_on IS NOT NULL AND old.stage NOT IN ('paid', 'declined') BEGIN
    UPDATE contact_follow_ups SET n = n - 1 WHERE day = old.follow_up_on;
END;

CREATE TRIGGER contact_follow_up_update AFTER UPDATE OF follow_up_on, stage ON contacts
WHEN (old.follow_up_on IS NOT NULL AND old.stage NOT IN ('paid', 'declined'))
  OR (new.follow_up_on IS NOT NULL AND new.stage NOT IN ('paid', 'declined')) BEGIN
    UPDATE contact_follow_ups SET n = n - 1
     WHERE old.follow_up_on IS NOT NULL AND old.stage NOT IN ('paid', 'declined')
       AND day = old.follow_up_on;
    INSERT INTO contact_follow_ups (day, n)
    SELECT new.follow_up_on, 1
     WHERE new.follow_up_on IS NOT NULL AND new.stage NOT IN ('paid', 'declined')
    ON CONFLICT (day) DO UPDATE SET n = n + 1;
END;
