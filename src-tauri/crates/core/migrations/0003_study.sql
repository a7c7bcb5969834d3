-- Schema 3: the learner's study record. Self-check attempts, notes, reading time, CPD records
-- made from study, where the learner was in each lesson, settings, and a full-text index of
-- lessons. Like progress, everything the learner made is keyed by (pack id, lesson id) with no
-- foreign key to lessons: it outlives the lessons it was recorded against.

-- A pack may set the share of self-check questions a learner must get right, first time, in
-- one round, for a completed lesson to count as mastered. NULL means the app's default.
ALTER TABLE packs ADD COLUMN pass_mark INTEGER CHECK (pass_mark BETWEEN 1 AND 100);

-- How far down the lesson the learner had read, in thousandths of its length.
ALTER TABLE lesson_progress ADD COLUMN scroll_permille INTEGER NOT NULL DEFAULT 0
    CHECK (scroll_permille BETWEEN 0 AND 1000);

-- One round of a lesson's self-check. It is finished when every question has an answer; its
-- score is the number answered correctly.
CREATE TABLE quiz_attempts (
    id          INTEGER PRIMARY KEY,
    pack_id     TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    questions   INTEGER NOT NULL CHECK (questions > 0),
    score       INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0)
) STRICT;

CREATE INDEX quiz_attempts_by_lesson ON quiz_attempts (pack_id, lesson_id, started_at);

-- Each answer given in a round, locked once given: the learner sees the feedback at once.
CREATE TABLE quiz_answers (
    attempt_id  INTEGER NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    -- the chosen options' positions, as a JSON array
    selected    TEXT NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
) STRICT;

CREATE TABLE lesson_notes (
    pack_id    TEXT NOT NULL,
    lesson_id  TEXT NOT NULL,
    body_md    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pack_id, lesson_id)
) STRICT;

-- CPD made from study. The portfolio shows these among its entries.
CREATE TABLE cpd_records (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    -- the learner's local calendar date of the activity, YYYY-MM-DD
    activity_date  TEXT NOT NULL,
    minutes        INTEGER NOT NULL CHECK (minutes > 0),
    participatory  INTEGER NOT NULL DEFAULT 0 CHECK (participatory IN (0, 1)),
    category       TEXT NOT NULL DEFAULT 'management' CHECK (category IN ('clinical', 'management')),
    source         TEXT NOT NULL CHECK (source IN ('study')),
    -- what was studied: [{packId, lessonId, title, minutes}]
    details_json   TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

-- Active reading time. The reader reports time in small increments while the window is
-- visible and the learner is not idle; one row per lesson per sitting.
CREATE TABLE study_sessions (
    id             INTEGER PRIMARY KEY,
    pack_id        TEXT NOT NULL,
    lesson_id      TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT NOT NULL,
    -- the learner's local calendar date when the sitting began, YYYY-MM-DD
    local_date     TEXT NOT NULL,
    active_seconds INTEGER NOT NULL CHECK (active_seconds >= 0),
    cpd_record_id  INTEGER REFERENCES cpd_records (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX study_sessions_by_date ON study_sessions (local_date);
CREATE INDEX study_sessions_by_lesson ON study_sessions (pack_id, lesson_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Lesson text for search, rebuilt from the lessons whenever a pack is installed. Plain text,
-- not Markdown, so snippets read as prose. The hook that runs this migration fills it.
CREATE VIRTUAL TABLE lesson_search USING fts5 (
    pack_id UNINDEXED,
    lesson_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
