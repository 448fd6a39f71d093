-- ROPA Register schema, version 5.
-- Applied whole to a new register; older registers are brought here by the
-- append-only migrations in src/store/migrate.rs. PRAGMA user_version holds the
-- version and is set by the code, not here.

-- Who keeps the record (Art 30(1)(a)). Exactly one row.
CREATE TABLE organisation (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    controller_name         TEXT NOT NULL DEFAULT '',
    controller_address      TEXT NOT NULL DEFAULT '',
    controller_email        TEXT NOT NULL DEFAULT '',
    controller_telephone    TEXT NOT NULL DEFAULT '',
    ico_registration        TEXT NOT NULL DEFAULT '',
    dpo_name                TEXT NOT NULL DEFAULT '',
    dpo_address             TEXT NOT NULL DEFAULT '',
    dpo_email               TEXT NOT NULL DEFAULT '',
    dpo_telephone           TEXT NOT NULL DEFAULT '',
    representative_name     TEXT NOT NULL DEFAULT '',
    representative_address  TEXT NOT NULL DEFAULT '',
    representative_email    TEXT NOT NULL DEFAULT '',
    representative_telephone TEXT NOT NULL DEFAULT '',
    is_partnership          INTEGER NOT NULL DEFAULT 0 CHECK (is_partnership IN (0, 1)),
    review_interval_months  INTEGER NOT NULL DEFAULT 12 CHECK (review_interval_months > 0)
);
INSERT INTO organisation (id) VALUES (1);

-- Business functions that own processing activities.
CREATE TABLE service (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',
    controller  TEXT NOT NULL DEFAULT ''
);

-- Anyone personal data comes from or goes to.
CREATE TABLE party (
    id                  INTEGER PRIMARY KEY,
    version             INTEGER NOT NULL DEFAULT 1,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    kind                TEXT NOT NULL,
    country             TEXT NOT NULL DEFAULT '',
    contact             TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    internal_service_id INTEGER REFERENCES service(id) ON DELETE SET NULL
);

-- Data sharing agreements, Art 28 contracts, Art 26 arrangements.
CREATE TABLE agreement (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    reference   TEXT NOT NULL DEFAULT '',
    start_date  TEXT,
    review_date TEXT,
    end_date    TEXT,
    notes       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE agreement_party (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    party_id     INTEGER NOT NULL REFERENCES party(id) ON DELETE CASCADE,
    PRIMARY KEY (agreement_id, party_id)
) WITHOUT ROWID;
CREATE INDEX agreement_party_by_party ON agreement_party(party_id);

-- Processing activities: one row of the Record of Processing Activities.
CREATE TABLE activity (
    id                        INTEGER PRIMARY KEY,
    version                   INTEGER NOT NULL DEFAULT 1,
    service_id                INTEGER NOT NULL REFERENCES service(id) ON DELETE RESTRICT,
    name                      TEXT NOT NULL COLLATE NOCASE CHECK (trim(name) <> ''),
    description               TEXT NOT NULL DEFAULT '',
    owner                     TEXT NOT NULL DEFAULT '',
    status                    TEXT NOT NULL,
    role                      TEXT NOT NULL,
    role_with                 TEXT NOT NULL DEFAULT '',
    role_lead                 TEXT NOT NULL DEFAULT '',
    criminal_offence_data     INTEGER NOT NULL DEFAULT 0 CHECK (criminal_offence_data IN (0, 1)),
    criminal_offence_detail   TEXT NOT NULL DEFAULT '',
    legitimate_interests      TEXT NOT NULL DEFAULT '',
    legitimate_interests_assessment TEXT NOT NULL DEFAULT '',
    consent_record            TEXT NOT NULL DEFAULT '',
    retention_kind            TEXT NOT NULL DEFAULT 'not_stated',
    retention_months          INTEGER,
    retention_text            TEXT NOT NULL DEFAULT '',
    policy_document           TEXT NOT NULL DEFAULT '',
    retained_per_policy       INTEGER CHECK (retained_per_policy IN (0, 1)),
    policy_exceptions         TEXT NOT NULL DEFAULT '',
    security_measures         TEXT NOT NULL DEFAULT '',
    automated_decision_making INTEGER NOT NULL DEFAULT 0 CHECK (automated_decision_making IN (0, 1)),
    automated_decision_detail TEXT NOT NULL DEFAULT '',
    breach                    INTEGER NOT NULL DEFAULT 0 CHECK (breach IN (0, 1)),
    breach_link               TEXT NOT NULL DEFAULT '',
    last_reviewed             TEXT,
    next_review_due           TEXT,
    -- The UK GDPR Annex 1 condition met when relying on Art 6(1)(ea); NULL: none recorded.
    recognised_legitimate_interest TEXT,
    -- Why the data is kept for the period recorded (UK GDPR Art 5(1)(e)).
    retention_reason          TEXT NOT NULL DEFAULT '',
    UNIQUE (service_id, name)
);

-- The activity's free-text lists, one row per item, in order. Like every list
-- table, WITHOUT ROWID: rows are stored in key order, so reading a register
-- whole is a sequential scan, not one random lookup per item. `list` names the
-- field: purpose, data_subject, personal_data, other_special, unrecognised_citation,
-- legislation. (The systems holding the data are links to assets: activity_asset.)
CREATE TABLE activity_item (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    list        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (activity_id, list, position)
) WITHOUT ROWID;
CREATE INDEX activity_item_by_value ON activity_item(list, value COLLATE NOCASE);

-- Legal enums held by an activity, one row per code, each indexed by code.
CREATE TABLE activity_special_category (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    category    TEXT NOT NULL,
    PRIMARY KEY (activity_id, category)
) WITHOUT ROWID;
CREATE INDEX activity_special_category_by_category ON activity_special_category(category);

CREATE TABLE activity_lawful_basis (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    basis       TEXT NOT NULL,
    PRIMARY KEY (activity_id, basis)
) WITHOUT ROWID;
CREATE INDEX activity_lawful_basis_by_basis ON activity_lawful_basis(basis);

CREATE TABLE activity_article9_condition (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    condition   TEXT NOT NULL,
    PRIMARY KEY (activity_id, condition)
) WITHOUT ROWID;
CREATE INDEX activity_article9_condition_by_condition ON activity_article9_condition(condition);

CREATE TABLE activity_schedule1_condition (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    condition   TEXT NOT NULL,
    PRIMARY KEY (activity_id, condition)
) WITHOUT ROWID;
CREATE INDEX activity_schedule1_condition_by_condition ON activity_schedule1_condition(condition);

-- Transfers to third countries or international organisations (Art 30(1)(e)).
CREATE TABLE activity_transfer (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    destination TEXT NOT NULL,
    safeguard   TEXT,
    detail      TEXT NOT NULL DEFAULT '',
    -- Whether the controller considers the Art 46(1A) data protection test met; NULL: not recorded.
    data_protection_test_met INTEGER CHECK (data_protection_test_met IN (0, 1)),
    PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

-- An activity's data coming from (source) or going to (recipient) a party.
CREATE TABLE link (
    id                    INTEGER PRIMARY KEY,
    activity_id           INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    party_id              INTEGER NOT NULL REFERENCES party(id) ON DELETE RESTRICT,
    direction             TEXT NOT NULL CHECK (direction IN ('source', 'recipient')),
    criminal_offence_data INTEGER NOT NULL DEFAULT 0 CHECK (criminal_offence_data IN (0, 1)),
    lawful_basis          TEXT,
    basis_detail          TEXT NOT NULL DEFAULT '',
    method                TEXT NOT NULL DEFAULT '',
    agreement_id          INTEGER REFERENCES agreement(id) ON DELETE SET NULL,
    notes                 TEXT NOT NULL DEFAULT '',
    -- What special category and criminal offence data passes: 'activity' (what the
    -- activity holds), 'only' (the link's own lists), 'none' (said explicitly).
    special_data          TEXT NOT NULL DEFAULT 'activity'
                          CHECK (special_data IN ('activity', 'only', 'none'))
);
CREATE INDEX link_by_activity ON link(activity_id);
CREATE INDEX link_by_party ON link(party_id, direction);
CREATE INDEX link_by_agreement ON link(agreement_id);

-- Categories of personal data passing over a link, in order.
CREATE TABLE link_data_category (
    link_id  INTEGER NOT NULL REFERENCES link(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (link_id, position)
) WITHOUT ROWID;
CREATE INDEX link_data_category_by_value ON link_data_category(value COLLATE NOCASE);

CREATE TABLE link_special_category (
    link_id  INTEGER NOT NULL REFERENCES link(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    PRIMARY KEY (link_id, category)
) WITHOUT ROWID;
CREATE INDEX link_special_category_by_category ON link_special_category(category);

-- Whether the controller is a public authority (UK GDPR Art 6(1), last
-- sentence): used by the checks. One row, like the organisation profile; a
-- council register is one, so 1 is the default.
CREATE TABLE controller_status (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    is_public_authority INTEGER NOT NULL DEFAULT 1 CHECK (is_public_authority IN (0, 1))
);
INSERT INTO controller_status (id) VALUES (1);

-- Findings of the checks that someone has acknowledged, with why: the finding
-- stays listed but no longer counts as open. A finding is named by its rule, the
-- activity (NULL for an agreement finding) and a subject within it ('' when the
-- rule fires once per activity; 'link:12', 'agreement:3' or 'item:Nationality'
-- otherwise).
CREATE TABLE acknowledgement (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: a stale id withdraws nothing
    rule            TEXT NOT NULL,
    activity_id     INTEGER REFERENCES activity(id) ON DELETE CASCADE,
    subject         TEXT NOT NULL DEFAULT '',
    acknowledged_by TEXT NOT NULL CHECK (trim(acknowledged_by) <> ''),
    acknowledged_on TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (trim(reason) <> '')
);
CREATE UNIQUE INDEX acknowledgement_by_finding ON acknowledgement(rule, ifnull(activity_id, 0), subject);

-- Reviews of an activity: who marked it reviewed and when (accountability).
CREATE TABLE activity_review (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    reviewed_by TEXT NOT NULL CHECK (trim(reviewed_by) <> ''),
    reviewed_on TEXT NOT NULL
);
CREATE INDEX activity_review_by_activity ON activity_review(activity_id);

-- Accountability: every change to the register, appended in the same transaction
-- as the change. Each entry holds the record as JSON before and after, and a hash
-- over its content and the previous entry's hash, so a rewritten entry breaks the
-- chain (`ropa verify`). The triggers make the log append-only in the database.
CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX change_log_by_entity ON change_log(entity, entity_id, id);
CREATE INDEX change_log_by_time ON change_log(at);
CREATE TRIGGER change_log_is_append_only_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_is_append_only_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- Privacy notices (src/notice/): the register's notice template, holding only
-- the headings and fixed paragraphs the organisation changed (the defaults live
-- in the app), keyed by a stable code such as 'heading.rights' or 'text.intro'.
CREATE TABLE notice_template (
    key  TEXT PRIMARY KEY,
    text TEXT NOT NULL CHECK (trim(text) <> '')
);

-- Text a service adds to its own notice: an introduction and a closing section.
-- Regenerating the notice keeps it.
CREATE TABLE notice_extra (
    service_id INTEGER PRIMARY KEY REFERENCES service(id) ON DELETE CASCADE,
    intro      TEXT NOT NULL DEFAULT '',
    closing    TEXT NOT NULL DEFAULT ''
);

-- Whether each controller named by a service in a partnership register
-- (service.controller) is a public authority (UK GDPR Art 6(1), last sentence).
-- The register's own organisation keeps its status in controller_status; a
-- named controller with no row here has no recorded status.
CREATE TABLE controller_authority (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    is_public_authority INTEGER NOT NULL CHECK (is_public_authority IN (0, 1))
);

-- Information assets (schema version 5): the systems, shared drives, paper file
-- stores and cloud services that hold personal data, each with its information
-- asset owner. `hosting` is 'not_stated', 'in_house' or 'processor' (then
-- `processor_id` names the processor party).
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

-- Data protection impact assessments (schema version 6), each with the
-- activities it covers, in its order. Deleting an activity takes it out of each
-- DPIA covering it, logged (`store::dpias`).
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

CREATE TABLE dpia_activity (
    dpia_id     INTEGER NOT NULL REFERENCES dpia(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE RESTRICT,
    PRIMARY KEY (dpia_id, position)
) WITHOUT ROWID;
CREATE INDEX dpia_activity_by_activity ON dpia_activity(activity_id);
CREATE UNIQUE INDEX dpia_activity_once ON dpia_activity(dpia_id, activity_id);

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
