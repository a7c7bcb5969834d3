-- Schema 5: the appraisal round trip. The bundles this learner exported (so a review can be
-- tied to exactly one of them), the reviews imported back with their comments and sign-off,
-- and an appraiser's reviews in progress of other people's bundles, kept apart from their own
-- portfolio.

CREATE TABLE bundle_exports (
    bundle_id       TEXT PRIMARY KEY NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    -- the entries shared and the version of each: [{uid, version}]
    entries_json    TEXT NOT NULL
) STRICT;

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    bundle_id       TEXT NOT NULL REFERENCES bundle_exports (bundle_id),
    -- the review file's own hash: the same file is imported once
    file_sha256     TEXT NOT NULL UNIQUE,
    reviewer_name   TEXT NOT NULL,
    reviewer_role   TEXT NOT NULL,
    summary         TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,
    -- satisfactory | satisfactory_with_development | not_yet, or NULL with no sign-off
    outcome         TEXT,
    signed_name     TEXT,
    signed_role     TEXT,
    signed_date     TEXT,
    imported_at     TEXT NOT NULL
) STRICT;

CREATE TABLE review_comments (
    review_id     INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    entry_uid     TEXT NOT NULL,
    entry_version INTEGER NOT NULL,
    comment       TEXT NOT NULL,
    PRIMARY KEY (review_id, position)
) STRICT;

CREATE INDEX review_comments_by_entry ON review_comments (entry_uid);

-- An appraiser's work on someone else's bundle: never mixed with their own entries.
CREATE TABLE review_drafts (
    bundle_id       TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    draft_json      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (bundle_id, manifest_sha256)
) STRICT;
