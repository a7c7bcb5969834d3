-- Schema 2: pack images served by the app, and each lesson's file path in its pack so links
-- between lessons can be resolved when a lesson is shown.

ALTER TABLE lessons ADD COLUMN source_path TEXT NOT NULL DEFAULT '';

CREATE TABLE pack_assets (
    pack_id    TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    PRIMARY KEY (pack_id, path)
) STRICT;
