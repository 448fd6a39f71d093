-- Information assets (issue 21): the asset register and the links from each
-- activity to the assets holding its data. The activities' free-text systems
-- move into them item by item in the Rust half of this step
-- (`store::asset_migration`), which logs every asset it makes and every
-- activity it changes.
CREATE TABLE asset (
    id                INTEGER PRIMARY KEY,
    version           INTEGER NOT NULL DEFAULT 1,
    name              TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    kind              TEXT NOT NULL DEFAULT 'not_stated',
    owner_name        TEXT NOT NULL DEFAULT '',
    owner_role        TEXT NOT NULL DEFAULT '',
    location          TEXT NOT NULL DEFAULT '',
    hosting           TEXT NOT NULL DEFAULT 'not_stated'
                      CHECK (hosting IN ('not_stated', 'in_house', 'processor')),
    processor_id      INTEGER REFERENCES party(id) ON DELETE RESTRICT,
    country           TEXT NOT NULL DEFAULT '',
    security_measures TEXT NOT NULL DEFAULT '',
    retention         TEXT NOT NULL DEFAULT '',
    continuity        TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    CHECK ((hosting = 'processor') = (processor_id IS NOT NULL))
);
CREATE INDEX asset_by_processor ON asset(processor_id);

-- The assets holding an activity's data, in the activity's order (ICO
-- "Location of personal data"). An asset in use cannot be deleted.
CREATE TABLE activity_asset (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    asset_id    INTEGER NOT NULL REFERENCES asset(id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
CREATE INDEX activity_asset_by_asset ON activity_asset(asset_id);
