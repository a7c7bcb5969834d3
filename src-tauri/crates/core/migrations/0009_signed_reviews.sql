-- Signed review files (issue 21): who signed each review the learner imported, so the app can
-- go on showing "Signed by ..." and whether the learner trusts that key (looked up in
-- trusted_publishers when shown, so adding the key later makes the review trusted). Both NULL
-- for an unsigned review, and for every review imported before this schema.

ALTER TABLE reviews ADD COLUMN signer_key TEXT;
ALTER TABLE reviews ADD COLUMN signer_name TEXT;
