-- Schema 7: portfolio search and lists that stay quick at 100,000 entries.
--
-- 1. The search index gains prefix indexes for one to four characters, so what the learner
--    has typed so far ("w", "wa", "war", "ward") reads one stored list instead of merging the
--    lists of every word that starts that way (tens of milliseconds for one letter at 100,000
--    entries). The table is rebuilt from its own rows; its content does not change.
-- 2. A narrow index keyed by entry id carries the columns search filters on, so checking a
--    matching entry's kind, date and bin state never reads the entry's wide row (its body).
-- 3. Revalidation's counters read every entry of the last years; an index holding the columns
--    they count answers that without reading a single entry's row.

CREATE VIRTUAL TABLE entry_search_v7 USING fts5 (
    title,
    body,
    tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);
INSERT INTO entry_search_v7 (rowid, title, body, tags)
    SELECT rowid, title, body, tags FROM entry_search;
DROP TABLE entry_search;
ALTER TABLE entry_search_v7 RENAME TO entry_search;

CREATE INDEX entries_search_facts ON entries (id, deleted_at, kind, entry_date);

CREATE INDEX entries_for_revalidation ON entries (deleted_at, entry_date, kind, template,
    feedback_source, clinical_minutes, management_minutes, participatory);
