-- The fields the law as amended by the Data (Use and Access) Act 2025 needs
-- (issue 17): the UK GDPR Annex 1 condition an Art 6(1)(ea) reliance meets
-- (NULL: none recorded), why data is kept as long as it is (Art 5(1)(e)), and
-- for each transfer whether the controller considers the Art 46(1A) data
-- protection test met (NULL: not recorded). Existing rows keep their data and
-- get the defaults: nothing recorded.
ALTER TABLE activity ADD COLUMN recognised_legitimate_interest TEXT;
ALTER TABLE activity ADD COLUMN retention_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE activity_transfer ADD COLUMN data_protection_test_met INTEGER
    CHECK (data_protection_test_met IN (0, 1));
