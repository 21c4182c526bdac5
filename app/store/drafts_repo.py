"""SQL for draft versions, the autosave buffer and sign-offs.

A draft is never changed in place: generating or committing an edit appends
version n+1 (provenance for generated ones, the parent version for edits).
The autosave row holds the editor's uncommitted buffer and is cleared in the
same transaction that commits it as a version.  A sign-off pins one version
by number *and* by the SHA-256 of its text, so a later edit can never make a
signature appear to cover words the clinician did not sign.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.store import audit
from app.store.db import Connection
from app.store.errors import RecordNotFoundError
from app.store.models import (
    AuditEventKind,
    Autosave,
    DraftKind,
    DraftVersion,
    Provenance,
    SignOff,
)
from app.store.notes_repo import get_note, touch
from app.store.timestamps import from_text, now_text

_DRAFT_COLUMNS = (
    "id, note_id, version, kind, text, created_at, source_version, parent_version, "
    "model_file, model_sha256, reasoning_effort, template_id, template_version, "
    "sampling_json, prompt_tokens, completion_tokens, reasoning_tokens, timings_json"
)
_SIGN_OFF_COLUMNS = "id, note_id, draft_version, signed_by, signed_at, text_sha256"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _provenance(row: tuple[Any, ...]) -> Provenance | None:
    if row[9] is None:
        return None
    return Provenance(
        model_file=row[8],
        model_sha256=row[9],
        reasoning_effort=row[10],
        template_id=row[11],
        template_version=row[12],
        sampling=json.loads(row[13]),
        prompt_tokens=row[14],
        completion_tokens=row[15],
        reasoning_tokens=row[16],
        timings=json.loads(row[17]),
    )


def _draft(row: tuple[Any, ...]) -> DraftVersion:
    return DraftVersion(
        id=row[0],
        note_id=row[1],
        version=row[2],
        kind=DraftKind(row[3]),
        text=row[4],
        created_at=from_text(row[5]),
        source_version=row[6],
        parent_version=row[7],
        provenance=_provenance(row),
    )


def _next_version(connection: Connection, note_id: int) -> int:
    row = connection.execute(
        "SELECT coalesce(max(version), 0) FROM draft_versions WHERE note_id = ?", (note_id,)
    ).fetchone()
    return int(row[0]) + 1


def _provenance_values(provenance: Provenance) -> tuple[Any, ...]:
    return (
        provenance.model_file,
        provenance.model_sha256,
        provenance.reasoning_effort,
        provenance.template_id,
        provenance.template_version,
        json.dumps(dict(provenance.sampling), sort_keys=True),
        provenance.prompt_tokens,
        provenance.completion_tokens,
        provenance.reasoning_tokens,
        json.dumps(dict(provenance.timings), sort_keys=True),
    )


def _insert_draft(
    connection: Connection,
    note_id: int,
    *,
    kind: DraftKind,
    text: str,
    source_version: int | None,
    parent_version: int | None,
    provenance: Provenance | None,
) -> DraftVersion:
    get_note(connection, note_id)
    version = _next_version(connection, note_id)
    now = now_text()
    provenance_values = (None,) * 10 if provenance is None else _provenance_values(provenance)
    connection.execute(
        f"INSERT INTO draft_versions ({_DRAFT_COLUMNS.removeprefix('id, ')}) "
        f"VALUES ({', '.join('?' * 17)})",
        (
            note_id,
            version,
            kind.value,
            text,
            now,
            source_version,
            parent_version,
            *provenance_values,
        ),
    )
    touch(connection, note_id, at=now)
    return get_draft(connection, note_id, version=version)


def add_generated(
    connection: Connection,
    note_id: int,
    *,
    text: str,
    provenance: Provenance,
    source_version: int | None,
) -> DraftVersion:
    draft = _insert_draft(
        connection,
        note_id,
        kind=DraftKind.GENERATED,
        text=text,
        source_version=source_version,
        parent_version=None,
        provenance=provenance,
    )
    audit.record(connection, AuditEventKind.GENERATED, note_id=note_id, detail=f"v{draft.version}")
    return draft


def add_edit(
    connection: Connection, note_id: int, *, text: str, parent_version: int | None
) -> DraftVersion:
    parent = (
        None if parent_version is None else get_draft(connection, note_id, version=parent_version)
    )
    draft = _insert_draft(
        connection,
        note_id,
        kind=DraftKind.EDITED,
        text=text,
        source_version=None if parent is None else parent.source_version,
        parent_version=parent_version,
        provenance=None,
    )
    connection.execute("DELETE FROM autosaves WHERE note_id = ?", (note_id,))
    audit.record(connection, AuditEventKind.EDITED, note_id=note_id, detail=f"v{draft.version}")
    return draft


def get_draft(connection: Connection, note_id: int, *, version: int | None) -> DraftVersion:
    if version is None:
        row = connection.execute(
            f"SELECT {_DRAFT_COLUMNS} FROM draft_versions WHERE note_id = ? "
            "ORDER BY version DESC LIMIT 1",
            (note_id,),
        ).fetchone()
    else:
        row = connection.execute(
            f"SELECT {_DRAFT_COLUMNS} FROM draft_versions WHERE note_id = ? AND version = ?",
            (note_id, version),
        ).fetchone()
    if row is None:
        raise RecordNotFoundError(detail=f"draft of note {note_id} version {version}")
    return _draft(row)


def list_drafts(connection: Connection, note_id: int) -> list[DraftVersion]:
    rows = connection.execute(
        f"SELECT {_DRAFT_COLUMNS} FROM draft_versions WHERE note_id = ? ORDER BY version",
        (note_id,),
    ).fetchall()
    return [_draft(row) for row in rows]


def save_autosave(
    connection: Connection, note_id: int, *, text: str, base_version: int | None
) -> None:
    get_note(connection, note_id)
    connection.execute(
        "INSERT INTO autosaves (note_id, text, base_version, saved_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (note_id) DO UPDATE SET text = excluded.text, "
        "base_version = excluded.base_version, saved_at = excluded.saved_at",
        (note_id, text, base_version, now_text()),
    )


def get_autosave(connection: Connection, note_id: int) -> Autosave | None:
    row = connection.execute(
        "SELECT note_id, text, base_version, saved_at FROM autosaves WHERE note_id = ?",
        (note_id,),
    ).fetchone()
    if row is None:
        return None
    return Autosave(note_id=row[0], text=row[1], base_version=row[2], saved_at=from_text(row[3]))


def discard_autosave(connection: Connection, note_id: int) -> None:
    connection.execute("DELETE FROM autosaves WHERE note_id = ?", (note_id,))


def sign(connection: Connection, note_id: int, *, version: int, signed_by: str) -> SignOff:
    draft = get_draft(connection, note_id, version=version)
    cursor = connection.execute(
        "INSERT INTO sign_offs (note_id, draft_version, signed_by, signed_at, text_sha256) "
        "VALUES (?, ?, ?, ?, ?)",
        (note_id, version, signed_by, now_text(), text_sha256(draft.text)),
    )
    audit.record(connection, AuditEventKind.SIGNED, note_id=note_id, detail=f"v{version}")
    row = connection.execute(
        f"SELECT {_SIGN_OFF_COLUMNS} FROM sign_offs WHERE id = ?", (cursor.lastrowid,)
    ).fetchone()
    return _sign_off(row)


def _sign_off(row: tuple[Any, ...]) -> SignOff:
    return SignOff(
        id=row[0],
        note_id=row[1],
        draft_version=row[2],
        signed_by=row[3],
        signed_at=from_text(row[4]),
        text_sha256=row[5],
    )


def sign_offs(connection: Connection, note_id: int) -> list[SignOff]:
    rows = connection.execute(
        f"SELECT {_SIGN_OFF_COLUMNS} FROM sign_offs WHERE note_id = ? ORDER BY id", (note_id,)
    ).fetchall()
    return [_sign_off(row) for row in rows]
