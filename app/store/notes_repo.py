"""SQL for notes and their versioned source text, listing and search.

Functions take an open connection and run inside the caller's transaction;
`NoteStore` supplies the lock, the transaction and error translation.  The
benchmark calls the same functions on an unencrypted connection, so the
SQLCipher/plain comparison measures exactly the work the app does.
"""

from __future__ import annotations

from app.store import audit
from app.store.db import Connection
from app.store.errors import RecordNotFoundError
from app.store.models import AuditEventKind, Note, NoteSummary, SourceVersion
from app.store.search import fts_query
from app.store.timestamps import from_text, now_text

_NOTE_COLUMNS = "id, title, document_type, patient_label, created_at, updated_at"
_SUMMARY_SELECT = """
SELECT n.id, n.title, n.document_type, n.patient_label, n.updated_at,
    (SELECT max(d.version) FROM draft_versions AS d WHERE d.note_id = n.id),
    EXISTS (SELECT 1 FROM sign_offs AS s WHERE s.note_id = n.id)
FROM notes AS n
"""


def _note(row: tuple[int, str, str, str | None, str, str]) -> Note:
    return Note(
        id=row[0],
        title=row[1],
        document_type=row[2],
        patient_label=row[3],
        created_at=from_text(row[4]),
        updated_at=from_text(row[5]),
    )


def _summary(row: tuple[int, str, str, str | None, str, int | None, int]) -> NoteSummary:
    return NoteSummary(
        id=row[0],
        title=row[1],
        document_type=row[2],
        patient_label=row[3],
        updated_at=from_text(row[4]),
        latest_draft_version=row[5],
        signed=bool(row[6]),
    )


def insert_note(
    connection: Connection,
    *,
    title: str,
    document_type: str,
    patient_label: str | None,
    source_text: str,
) -> Note:
    now = now_text()
    cursor = connection.execute(
        "INSERT INTO notes (title, document_type, patient_label, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (title, document_type, patient_label, now, now),
    )
    note_id = int(cursor.lastrowid or 0)
    _insert_source_row(connection, note_id=note_id, version=1, text=source_text, at=now)
    audit.record(connection, AuditEventKind.CREATED, note_id=note_id, at=now)
    return get_note(connection, note_id)


def get_note(connection: Connection, note_id: int) -> Note:
    row = connection.execute(
        f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFoundError(detail=f"note {note_id}")
    return _note(row)


def update_details(
    connection: Connection,
    note_id: int,
    *,
    title: str,
    document_type: str,
    patient_label: str | None,
) -> Note:
    get_note(connection, note_id)
    connection.execute(
        "UPDATE notes SET title = ?, document_type = ?, patient_label = ?, updated_at = ? "
        "WHERE id = ?",
        (title, document_type, patient_label, now_text(), note_id),
    )
    return get_note(connection, note_id)


def touch(connection: Connection, note_id: int, *, at: str) -> None:
    connection.execute("UPDATE notes SET updated_at = ? WHERE id = ?", (at, note_id))


def list_notes(connection: Connection, *, limit: int, offset: int) -> list[NoteSummary]:
    rows = connection.execute(
        _SUMMARY_SELECT + " ORDER BY n.updated_at DESC, n.id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    return [_summary(row) for row in rows]


def search(connection: Connection, user_text: str, *, limit: int) -> list[NoteSummary]:
    """Best matches first; a title hit outweighs a body hit."""
    query = fts_query(user_text)
    if query is None:
        return []
    rows = connection.execute(
        _SUMMARY_SELECT
        + " JOIN (SELECT rowid AS hit, bm25(note_search, 10.0, 1.0, 1.0) AS score"
        + " FROM note_search WHERE note_search MATCH ? ORDER BY score LIMIT ?) AS hits"
        + " ON hits.hit = n.id ORDER BY hits.score",
        (query, limit),
    ).fetchall()
    return [_summary(row) for row in rows]


def _insert_source_row(
    connection: Connection, *, note_id: int, version: int, text: str, at: str
) -> None:
    connection.execute(
        "INSERT INTO source_versions (note_id, version, text, created_at) VALUES (?, ?, ?, ?)",
        (note_id, version, text, at),
    )


def get_source(connection: Connection, note_id: int, *, version: int | None) -> SourceVersion:
    if version is None:
        row = connection.execute(
            "SELECT note_id, version, text, created_at FROM source_versions "
            "WHERE note_id = ? ORDER BY version DESC LIMIT 1",
            (note_id,),
        ).fetchone()
    else:
        row = connection.execute(
            "SELECT note_id, version, text, created_at FROM source_versions "
            "WHERE note_id = ? AND version = ?",
            (note_id, version),
        ).fetchone()
    if row is None:
        raise RecordNotFoundError(detail=f"source of note {note_id} version {version}")
    return SourceVersion(note_id=row[0], version=row[1], text=row[2], created_at=from_text(row[3]))


def save_source(connection: Connection, note_id: int, *, text: str) -> SourceVersion:
    """A new source version, unless the text is unchanged (then the latest)."""
    get_note(connection, note_id)
    latest = _latest_source_or_none(connection, note_id)
    if latest is not None and latest.text == text:
        return latest
    version = 1 if latest is None else latest.version + 1
    now = now_text()
    _insert_source_row(connection, note_id=note_id, version=version, text=text, at=now)
    touch(connection, note_id, at=now)
    audit.record(connection, AuditEventKind.SOURCE_SAVED, note_id=note_id, detail=f"v{version}")
    return get_source(connection, note_id, version=version)


def _latest_source_or_none(connection: Connection, note_id: int) -> SourceVersion | None:
    try:
        return get_source(connection, note_id, version=None)
    except RecordNotFoundError:
        return None
