-- The end of migration 5 -> 6: the activities' DPIA answers now live in `dpia`.
ALTER TABLE activity DROP COLUMN dpia_required;
ALTER TABLE activity DROP COLUMN dpia_progress;
ALTER TABLE activity DROP COLUMN dpia_link;
ALTER TABLE activity DROP COLUMN dpia_date;
