-- Schema 1: installed curriculum packs and the learner's progress through them.
-- Progress is keyed by (pack id, lesson id) and has no foreign key to lessons on purpose:
-- a learner's history outlives the lessons it was recorded against.

CREATE TABLE packs (
    id             TEXT PRIMARY KEY NOT NULL,
    version        TEXT NOT NULL,
    title          TEXT NOT NULL,
    publisher      TEXT NOT NULL,
    licence        TEXT NOT NULL,
    language       TEXT NOT NULL,
    framework      TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    content_sha256 TEXT NOT NULL,
    position       INTEGER NOT NULL,
    installed_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE modules (
    pack_id  TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    summary  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (pack_id, id)
) STRICT;

-- A lesson removed from a newer version of its pack is kept with archived = 1.
CREATE TABLE lessons (
    pack_id      TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    module_id    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    body_md      TEXT NOT NULL,
    -- outcomes, behaviours, reflection prompt, activity and questions, as JSON
    details_json TEXT NOT NULL,
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    PRIMARY KEY (pack_id, id)
) STRICT;

CREATE INDEX lessons_by_module ON lessons (pack_id, module_id, position);

CREATE TABLE lesson_progress (
    pack_id         TEXT NOT NULL,
    lesson_id       TEXT NOT NULL,
    first_opened_at TEXT,
    last_opened_at  TEXT,
    completed_at    TEXT,
    PRIMARY KEY (pack_id, lesson_id)
) STRICT;
