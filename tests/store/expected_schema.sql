-- index audit_log_by_note on audit_log
CREATE INDEX audit_log_by_note ON audit_log (note_id);

-- index notes_by_updated on notes
CREATE INDEX notes_by_updated ON notes (updated_at);

-- index sqlite_autoindex_draft_versions_1 on draft_versions
None;

-- index sqlite_autoindex_schema_migrations_1 on schema_migrations
None;

-- index sqlite_autoindex_source_versions_1 on source_versions
None;

-- index sqlite_autoindex_templates_1 on templates
None;

-- table audit_log on audit_log
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    note_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;

-- table autosaves on autosaves
CREATE TABLE autosaves (
    note_id INTEGER PRIMARY KEY REFERENCES notes (id),
    text TEXT NOT NULL,
    base_version INTEGER,
    saved_at TEXT NOT NULL
) STRICT;

-- table draft_versions on draft_versions
CREATE TABLE draft_versions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id),
    version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('generated', 'edited')),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    source_version INTEGER,
    parent_version INTEGER,
    model_file TEXT,
    model_sha256 TEXT,
    reasoning_effort TEXT,
    template_id TEXT,
    template_version INTEGER,
    sampling_json TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    reasoning_tokens INTEGER,
    timings_json TEXT,
    UNIQUE (note_id, version),
    CHECK ((kind = 'generated') = (model_sha256 IS NOT NULL))
) STRICT;

-- table note_search on note_search
CREATE VIRTUAL TABLE note_search USING fts5 (
    title, source, draft,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table note_search_config on note_search_config
CREATE TABLE 'note_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table note_search_data on note_search_data
CREATE TABLE 'note_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table note_search_docsize on note_search_docsize
CREATE TABLE 'note_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table note_search_idx on note_search_idx
CREATE TABLE 'note_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table notes on notes
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    document_type TEXT NOT NULL,
    patient_label TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- table schema_migrations on schema_migrations
CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;

-- table sign_offs on sign_offs
CREATE TABLE sign_offs (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL,
    draft_version INTEGER NOT NULL,
    signed_by TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    FOREIGN KEY (note_id, draft_version) REFERENCES draft_versions (note_id, version)
) STRICT;

-- table source_versions on source_versions
CREATE TABLE source_versions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id),
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (note_id, version)
) STRICT;

-- table templates on templates
CREATE TABLE templates (
    template_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    body_json TEXT NOT NULL CHECK (json_valid(body_json)),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (template_id, version)
) STRICT;

-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger draft_versions_no_delete on draft_versions
CREATE TRIGGER draft_versions_no_delete BEFORE DELETE ON draft_versions BEGIN SELECT RAISE(ABORT, 'draft_versions is append-only'); END;

-- trigger draft_versions_no_update on draft_versions
CREATE TRIGGER draft_versions_no_update BEFORE UPDATE ON draft_versions BEGIN SELECT RAISE(ABORT, 'draft_versions is append-only'); END;

-- trigger note_search_on_draft on draft_versions
CREATE TRIGGER note_search_on_draft AFTER INSERT ON draft_versions
BEGIN INSERT OR REPLACE INTO note_search (rowid, title, source, draft) SELECT id, title, source, draft FROM note_search_content WHERE id = NEW.note_id; END;

-- trigger note_search_on_note on notes
CREATE TRIGGER note_search_on_note AFTER INSERT ON notes
BEGIN INSERT OR REPLACE INTO note_search (rowid, title, source, draft) SELECT id, title, source, draft FROM note_search_content WHERE id = NEW.id; END;

-- trigger note_search_on_source on source_versions
CREATE TRIGGER note_search_on_source AFTER INSERT ON source_versions
BEGIN INSERT OR REPLACE INTO note_search (rowid, title, source, draft) SELECT id, title, source, draft FROM note_search_content WHERE id = NEW.note_id; END;

-- trigger note_search_on_title on notes
CREATE TRIGGER note_search_on_title AFTER UPDATE OF title ON notes
BEGIN INSERT OR REPLACE INTO note_search (rowid, title, source, draft) SELECT id, title, source, draft FROM note_search_content WHERE id = NEW.id; END;

-- trigger sign_offs_no_delete on sign_offs
CREATE TRIGGER sign_offs_no_delete BEFORE DELETE ON sign_offs BEGIN SELECT RAISE(ABORT, 'sign_offs is append-only'); END;

-- trigger sign_offs_no_update on sign_offs
CREATE TRIGGER sign_offs_no_update BEFORE UPDATE ON sign_offs BEGIN SELECT RAISE(ABORT, 'sign_offs is append-only'); END;

-- trigger source_versions_no_delete on source_versions
CREATE TRIGGER source_versions_no_delete BEFORE DELETE ON source_versions BEGIN SELECT RAISE(ABORT, 'source_versions is append-only'); END;

-- trigger source_versions_no_update on source_versions
CREATE TRIGGER source_versions_no_update BEFORE UPDATE ON source_versions BEGIN SELECT RAISE(ABORT, 'source_versions is append-only'); END;

-- view note_search_content on note_search_content
CREATE VIEW note_search_content AS
SELECT n.id AS id, n.title AS title,
    coalesce((SELECT s.text FROM source_versions AS s WHERE s.note_id = n.id
              ORDER BY s.version DESC LIMIT 1), '') AS source,
    coalesce((SELECT d.text FROM draft_versions AS d WHERE d.note_id = n.id
              ORDER BY d.version DESC LIMIT 1), '') AS draft
FROM notes AS n;

