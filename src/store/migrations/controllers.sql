-- Whether each controller named by a service in a partnership register
-- (service.controller) is a public authority (UK GDPR Art 6(1), last sentence).
-- The register's own organisation keeps its status in controller_status; a
-- named controller with no row here has no recorded status.
CREATE TABLE controller_authority (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    is_public_authority INTEGER NOT NULL CHECK (is_public_authority IN (0, 1))
);
