-- Schema 9: portfolio search that stays within milliseconds at 100,000 entries whatever is
-- typed or filtered.
--
-- 1. `search_terms`: every word the index has held, in its folded form (lower case, accents
--    removed). A word being typed that is longer than the stored prefixes ("governa",
--    "budget") is looked up here and searched as the few whole words it can become; FTS5
--    answers whole words newest first and stops when it has enough, where a long prefix makes
--    it gather every entry holding any such word first (a fifth of a second for a common word
--    at 100,000 entries). Words of edited or deleted entries stay: a word no entry holds any
--    more costs a lookup that finds nothing.
-- 2. `entry_words_scratch`: how a save learns an entry's words exactly as the index folds
--    them. The save indexes the entry there too (contentless: nothing is stored twice),
--    copies its words into `search_terms`, and empties it again.
-- 3. The index gains a fourth column, `facets`: words the learner never types, naming the
--    entry's kind (`k` + hex), each tag (`t` + hex of its ASCII lower case, as tags compare),
--    each behaviour (`b` + hex), its year, month and day (`y2024`, `m202403`, `d20240315`).
--    A search with filters is then one FTS5 query, which skips through the lists of words
--    and facets together, newest first, instead of testing every match against the filters;
--    a date order walks the months and days. Searches for words are kept to the first three
--    columns (`{title body tags}:`). The filters are still checked against the entries'
--    rows, so the facets only ever narrow.

CREATE TABLE search_terms (
    term TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE temp.entry_search_words USING fts5vocab(main, entry_search, 'row');
INSERT INTO search_terms (term) SELECT term FROM temp.entry_search_words;
DROP TABLE temp.entry_search_words;

CREATE VIRTUAL TABLE entry_words_scratch USING fts5 (
    title,
    body,
    tags,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE entry_words_scratch_terms USING fts5vocab(entry_words_scratch, 'row');

CREATE VIRTUAL TABLE entry_search_v9 USING fts5 (
    title,
    body,
    tags,
    facets,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);
INSERT INTO entry_search_v9 (rowid, title, body, tags, facets)
    SELECT s.rowid, s.title, s.body, s.tags,
           coalesce((SELECT 'k' || lower(hex(e.kind))
                        || ' y' || substr(e.entry_date, 1, 4)
                        || ' m' || substr(e.entry_date, 1, 4) || substr(e.entry_date, 6, 2)
                        || ' d' || replace(e.entry_date, '-', '')
                        || coalesce((SELECT ' ' || group_concat('t' || lower(hex(lower(t.tag))), ' ')
                                     FROM entry_tags t WHERE t.entry_id = e.id), '')
                        || coalesce((SELECT ' ' || group_concat('b' || lower(hex(b.behaviour_id)), ' ')
                                     FROM entry_behaviours b WHERE b.entry_id = e.id), '')
                     FROM entries e WHERE e.id = s.rowid), '')
    FROM entry_search s;
DROP TABLE entry_search;
ALTER TABLE entry_search_v9 RENAME TO entry_search;
