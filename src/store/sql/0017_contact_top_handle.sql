-- smmdeck schema v17: the contacts list's handle column kept on the contact.
--
-- Every row of the list, and every card of the board, showed the contact's biggest handle by a
-- subquery that sorted the contact's handles: 1.9 us of the 2.7 us a row cost at 10,000
-- contacts, so a page of 100 took 0.27 ms and the board's eight columns 0.68 ms, on every
-- write, sort and view change. The triggers keep the two columns current whatever writes the
-- handles (the forms, an import, a bulk load, an undo); the order is the one `followers` and
-- `engagement_rate` are kept by (the most followers first, unknown last, then the oldest).
ALTER TABLE contacts ADD COLUMN top_platform TEXT;
ALTER TABLE contacts ADD COLUMN top_handle TEXT;

UPDATE contacts SET (top_platform, top_handle) = (
    SELECT platform, handle FROM contact_handles h WHERE h.contact_id = contacts.id
     ORDER BY followers DESC NULLS LAST, id LIMIT 1);

CREATE TRIGGER contact_handles_top_insert AFTER INSERT ON contact_handles BEGIN
    UPDATE contacts SET (top_platform, top_handle) = (
        SELECT platform, handle FROM contact_handles h WHERE h.contact_id = NEW.contact_id
         ORDER BY followers DESC NULLS LAST, id LIMIT 1)
     WHERE id = NEW.contact_id;
END;

CREATE TRIGGER contact_handles_top_delete AFTER DELETE ON contact_handles BEGIN
    UPDATE contacts SET (top_platform, top_handle) = (
        SELECT platform, handle FROM contact_handles h WHERE h.contact_id = OLD.contact_id
         ORDER BY followers DESC NULLS LAST, id LIMIT 1)
     WHERE id = OLD.contact_id;
END;

CREATE TRIGGER contact_handles_top_update
AFTER UPDATE OF contact_id, platform, handle, followers ON contact_handles BEGIN
    UPDATE contacts SET (top_platform, top_handle) = (
        SELECT platform, handle FROM contact_handles h WHERE h.contact_id = contacts.id
         ORDER BY followers DESC NULLS LAST, id LIMIT 1)
     WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
