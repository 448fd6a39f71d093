-- DPIAs as records (issue 21): each data protection impact assessment with its
-- status, screening outcome, dates, residual risk and Art 36 consultation, and
-- the activities it covers. The activities' DPIA answers move into them in the
-- Rust half of this step (`store::dpia_migration`), which logs every DPIA it
-- makes and every activity it changes, then drops the old columns
-- (migrations/dpias_drop.sql).
CREATE TABLE dpia (
    id               INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an undo puts an activity back only in its own DPIA
    version          INTEGER NOT NULL DEFAULT 1,
    title            TEXT NOT NULL CHECK (trim(title) <> ''),
    status           TEXT NOT NULL DEFAULT 'screening'
                     CHECK (status IN ('screening', 'in_progress', 'completed', 'approved', 'reviewed')),
    screening        TEXT NOT NULL DEFAULT 'not_stated'
                     CHECK (screening IN ('not_stated', 'required', 'not_required')),
    residual_risk    TEXT NOT NULL DEFAULT 'not_stated'
                     CHECK (residual_risk IN ('not_stated', 'low', 'medium', 'high')),
    ico_consultation TEXT NOT NULL DEFAULT 'not_stated'
                     CHECK (ico_consultation IN ('not_stated', 'not_needed', 'consulted')),
    started          TEXT,
    completed        TEXT,
    next_review      TEXT,
    document         TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT ''
);

-- The activities a DPIA covers, in the DPIA's order. Deleting an activity
-- takes it out of each DPIA covering it, logged (`store::dpias`).
CREATE TABLE dpia_activity (
    dpia_id     INTEGER NOT NULL REFERENCES dpia(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE RESTRICT,
    PRIMARY KEY (dpia_id, position)
) WITHOUT ROWID;
CREATE INDEX dpia_activity_by_activity ON dpia_activity(activity_id);
CREATE UNIQUE INDEX dpia_activity_once ON dpia_activity(dpia_id, activity_id);
