-- Schema 6: frameworks as installed data. Each framework the learner has (the three the app
-- ships, installed on first run, and any a training scheme sends, on its own or in a pack)
-- with its items in order. Items a newer version removed stay, marked with the version that
-- removed them, so evidence mapped to them still shows what it was.

CREATE TABLE frameworks (
    id             TEXT PRIMARY KEY NOT NULL,
    version        TEXT NOT NULL,
    title          TEXT NOT NULL,
    publisher      TEXT NOT NULL,
    licence        TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    source         TEXT,
    -- the names of the levels, top first, as a JSON list
    levels_json    TEXT NOT NULL DEFAULT '[]',
    -- {name, levels: [{value, label, description}]}, or NULL for the app's standard scale
    scale_json     TEXT,
    -- links this version moved: {"old id": "new id"}
    replaces_json  TEXT NOT NULL DEFAULT '{}',
    -- SHA-256 of the framework written canonically (format 2)
    content_hash   TEXT NOT NULL,
    -- "built in", "pack <id> <version>", or the file's name
    installed_from TEXT NOT NULL,
    installed_at   TEXT NOT NULL,
    -- the order frameworks are offered in
    position       INTEGER NOT NULL
) STRICT;

CREATE TABLE framework_items (
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    parent_id    TEXT,
    -- the order in the file; retired items keep their last position
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    refs_json    TEXT NOT NULL DEFAULT '[]',
    -- the id the item had where it came from (a Moodle id number, a Mahara element id)
    source_id    TEXT,
    -- the version that no longer has this item; NULL while it is in the framework
    removed_in   TEXT,
    PRIMARY KEY (framework_id, id)
) STRICT, WITHOUT ROWID;
