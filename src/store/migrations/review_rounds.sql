
-- Review packs sent to service owners (issue 21): one row per pack, its due
-- date and, once it is back, who returned it and what the officer accepted.
-- Operational, like acknowledgements: not in the change log (the changes a
-- returned pack makes are logged as changes, by its owner).
CREATE TABLE review_pack (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id  INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    sent_on     TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    sent_by     TEXT NOT NULL DEFAULT '',
    activities  INTEGER NOT NULL DEFAULT 0 CHECK (activities >= 0),
    returned_on TEXT,
    returned_by TEXT NOT NULL DEFAULT '',
    proposed    INTEGER NOT NULL DEFAULT 0 CHECK (proposed >= 0),
    accepted    INTEGER NOT NULL DEFAULT 0 CHECK (accepted >= 0 AND accepted <= proposed),
    unchanged   INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0)
);
CREATE INDEX review_pack_by_service ON review_pack(service_id, id);
