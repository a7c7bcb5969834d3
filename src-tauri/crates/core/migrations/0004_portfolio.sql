-- Schema 4: the portfolio. Entries with their tags, framework ratings, lesson links and
-- attachments; every saved version of every entry; the personal development plan; practice
-- hours for NMC revalidation; and a full-text index of entries.
--
-- The entry tables hold the current version, shaped for queries. `entry_versions` holds each
-- saved version whole, as JSON, so any version can be shown or restored exactly.

CREATE TABLE entries (
    id                 INTEGER PRIMARY KEY,
    -- stable across exports and reviews; never reused
    uid                TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('reflection', 'cpd', 'shadowing',
                           'qi_project', 'feedback', 'significant_event', 'management_task')),
    title              TEXT NOT NULL CHECK (length(title) > 0),
    -- the learner's calendar date of the activity, YYYY-MM-DD
    entry_date         TEXT NOT NULL,
    body_md            TEXT NOT NULL DEFAULT '',
    -- gibbs | what_so_what | nmc, or NULL for none
    template           TEXT CHECK (template IN ('gibbs', 'what_so_what', 'nmc')),
    clinical_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (clinical_minutes >= 0),
    management_minutes INTEGER NOT NULL DEFAULT 0 CHECK (management_minutes >= 0),
    participatory      INTEGER NOT NULL DEFAULT 0 CHECK (participatory IN (0, 1)),
    -- colleague | patient | compliment_or_complaint | other, for feedback entries
    feedback_source    TEXT,
    -- the reflection's sections, the Code themes, and the shadowing details, as JSON
    details_json       TEXT NOT NULL DEFAULT '{}',
    -- set when the entry was made from logged study time
    cpd_record_id      INTEGER UNIQUE REFERENCES cpd_records (id) ON DELETE SET NULL,
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    -- in the bin since then; NULL when not deleted
    deleted_at         TEXT
) STRICT;

CREATE INDEX entries_by_date ON entries (deleted_at, entry_date);
CREATE INDEX entries_by_kind ON entries (kind, entry_date);
CREATE INDEX entries_by_title ON entries (deleted_at, title COLLATE NOCASE);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_tags_by_tag ON entry_tags (tag COLLATE NOCASE);

-- A behaviour (or, for a names-only framework, an element) the entry shows, with the
-- learner's rating on that framework's scale and why.
CREATE TABLE entry_behaviours (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    framework_id  TEXT NOT NULL,
    behaviour_id  TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating >= 1),
    justification TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entry_id, behaviour_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_behaviours_by_behaviour ON entry_behaviours (behaviour_id);

-- Like progress, links to lessons have no foreign key: the entry outlives the lesson.
CREATE TABLE entry_lessons (
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    pack_id   TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    PRIMARY KEY (entry_id, pack_id, lesson_id)
) STRICT, WITHOUT ROWID;

-- Files kept with an entry. A file taken off an entry stays (current = 0) while the entry
-- exists, so earlier versions that list it can still be shown and restored.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT NOT NULL,
    data       BLOB NOT NULL,
    current    INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    added_at   TEXT NOT NULL
) STRICT;

CREATE INDEX attachments_by_entry ON attachments (entry_id, current);

-- Files uploaded from the editor but not yet saved with an entry. Saving moves them to
-- `attachments` in the same transaction; ones left behind are cleared at start-up.
CREATE TABLE attachment_uploads (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL,
    data        BLOB NOT NULL,
    uploaded_at TEXT NOT NULL
) STRICT;

-- Every saved version of an entry, whole. Version 1 is the first save.
CREATE TABLE entry_versions (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    saved_at      TEXT NOT NULL,
    -- created | edited | restored
    change        TEXT NOT NULL CHECK (change IN ('created', 'edited', 'restored')),
    restored_from INTEGER,
    snapshot_json TEXT NOT NULL,
    PRIMARY KEY (entry_id, version)
) STRICT;

-- Entry text for search: title, body, reflection sections and tags, as plain text. The row
-- id is the entry's id; rows for entries in the bin are kept so the bin can be searched too.
CREATE VIRTUAL TABLE entry_search USING fts5 (
    title,
    body,
    tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The personal development plan: SMART goals.
CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    measure     TEXT NOT NULL DEFAULT '',
    achievable  TEXT NOT NULL DEFAULT '',
    relevant    TEXT NOT NULL DEFAULT '',
    due_date    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'in_progress', 'achieved', 'dropped')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A rowid table, not WITHOUT ROWID: the rowid keeps the order the learner linked them in.
CREATE TABLE goal_behaviours (
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    framework_id TEXT NOT NULL,
    behaviour_id TEXT NOT NULL,
    PRIMARY KEY (goal_id, behaviour_id)
) STRICT;

CREATE TABLE goal_reviews (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    review_date TEXT NOT NULL,
    note        TEXT NOT NULL CHECK (length(note) > 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX goal_reviews_by_goal ON goal_reviews (goal_id, review_date);

-- Practice hours for NMC revalidation, as the learner logs them.
CREATE TABLE practice_hours (
    id         INTEGER PRIMARY KEY,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL CHECK (end_date >= start_date),
    hours      REAL NOT NULL CHECK (hours > 0),
    role       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
