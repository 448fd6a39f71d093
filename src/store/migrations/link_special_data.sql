-- A link says what special category and criminal offence data passes along it:
-- as the activity (the default), these categories only, or none. A link that
-- lists categories or criminal offence data keeps exactly what it lists.
ALTER TABLE link ADD COLUMN special_data TEXT NOT NULL DEFAULT 'activity'
    CHECK (special_data IN ('activity', 'only', 'none'));
UPDATE link SET special_data = 'only'
WHERE criminal_offence_data = 1
   OR EXISTS (SELECT 1 FROM link_special_category s WHERE s.link_id = link.id);
