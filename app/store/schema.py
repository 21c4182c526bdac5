"""The schema as an append-only list of named migrations.

A store records the names it has applied; opening it applies the missing
tail in order.  Stores written by every earlier release therefore open under
this code with their data intact.  NEVER edit or reorder an entry that has
shipped: append a new one.

Design choices recorded here because the SQL carries them:
- Sources and drafts are versioned rows; editing appends a version.  Triggers
  refuse UPDATE/DELETE on versions, sign-offs and the audit log, so not even
  a bug in this package can rewrite history.
- The autosave row is the one deliberate overwrite: it is the editor's
  in-progress buffer (one row per note, replaced every ~2 s), separate from
  the version history so autosaves never flood it.  Committing an edit turns
  it into a version and clears the row.
- Search is a contentless FTS5 index (the text is already in the versioned
  tables; no second copy) over each note's title, latest source and latest
  draft, kept in sync by triggers so no code path can forget it.
"""

from __future__ import annotations

from typing import Final

MIGRATIONS_TABLE_DDL: Final = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT"
)

_CORE = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    document_type TEXT NOT NULL,
    patient_label TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_updated ON notes (updated_at);

CREATE TABLE source_versions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id),
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (note_id, version)
) STRICT;

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

CREATE TABLE sign_offs (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL,
    draft_version INTEGER NOT NULL,
    signed_by TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    FOREIGN KEY (note_id, draft_version) REFERENCES draft_versions (note_id, version)
) STRICT;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    note_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_by_note ON audit_log (note_id);
"""


def _append_only(table: str) -> str:
    return "".join(
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;\n"
        for verb in ("UPDATE", "DELETE")
    )


_IMMUTABLE_HISTORY = "".join(
    _append_only(table) for table in ("source_versions", "draft_versions", "sign_offs", "audit_log")
)

_TEMPLATES_AND_AUTOSAVE = """
CREATE TABLE templates (
    template_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    body_json TEXT NOT NULL CHECK (json_valid(body_json)),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (template_id, version)
) STRICT;

CREATE TABLE autosaves (
    note_id INTEGER PRIMARY KEY REFERENCES notes (id),
    text TEXT NOT NULL,
    base_version INTEGER,
    saved_at TEXT NOT NULL
) STRICT;
"""

_REINDEX_NOTE = (
    "INSERT OR REPLACE INTO note_search (rowid, title, source, draft) "
    "SELECT id, title, source, draft FROM note_search_content WHERE id = {note_id};"
)

_SEARCH = f"""
CREATE VIRTUAL TABLE note_search USING fts5 (
    title, source, draft,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW note_search_content AS
SELECT n.id AS id, n.title AS title,
    coalesce((SELECT s.text FROM source_versions AS s WHERE s.note_id = n.id
              ORDER BY s.version DESC LIMIT 1), '') AS source,
    coalesce((SELECT d.text FROM draft_versions AS d WHERE d.note_id = n.id
              ORDER BY d.version DESC LIMIT 1), '') AS draft
FROM notes AS n;

CREATE TRIGGER note_search_on_note AFTER INSERT ON notes
BEGIN {_REINDEX_NOTE.format(note_id="NEW.id")} END;
CREATE TRIGGER note_search_on_title AFTER UPDATE OF title ON notes
BEGIN {_REINDEX_NOTE.format(note_id="NEW.id")} END;
CREATE TRIGGER note_search_on_source AFTER INSERT ON source_versions
BEGIN {_REINDEX_NOTE.format(note_id="NEW.note_id")} END;
CREATE TRIGGER note_search_on_draft AFTER INSERT ON draft_versions
BEGIN {_REINDEX_NOTE.format(note_id="NEW.note_id")} END;

INSERT INTO note_search (rowid, title, source, draft)
SELECT id, title, source, draft FROM note_search_content;
"""

MIGRATIONS: Final[tuple[tuple[str, str], ...]] = (
    ("0001_core_tables", _CORE + _IMMUTABLE_HISTORY),
    ("0002_templates_and_autosave", _TEMPLATES_AND_AUTOSAVE),
    ("0003_full_text_search", _SEARCH),
)
