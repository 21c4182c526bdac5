"""The append-only audit log, and where failed unlocks wait to join it.

Events are written in the same transaction as the change they describe, so
the log can never claim a change that was rolled back (or miss one that was
kept).  Triggers refuse UPDATE and DELETE on `audit_log`.

A failed unlock cannot be written into a store that could not be opened.  It
goes to a small sidecar file next to the store (`<store>.unlock-failures`,
owner-only) holding only timestamps, nothing about patients or passphrases.
The next successful unlock moves those timestamps into the encrypted audit
log as `unlock_failed` events (with their original times) and deletes the
sidecar, so the clinician sees failed attempts in the same log.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.store.db import OWNER_ONLY, Connection
from app.store.models import AuditEvent, AuditEventKind
from app.store.timestamps import from_text, now_text, to_text

_EVENT_COLUMNS = "id, at, event, note_id, detail"


def record(
    connection: Connection,
    kind: AuditEventKind,
    *,
    note_id: int | None = None,
    detail: str = "",
    at: str | None = None,
) -> None:
    connection.execute(
        "INSERT INTO audit_log (at, event, note_id, detail) VALUES (?, ?, ?, ?)",
        (at or now_text(), kind.value, note_id, detail),
    )


def _event(row: tuple[int, str, str, int | None, str]) -> AuditEvent:
    return AuditEvent(
        id=row[0], at=from_text(row[1]), event=AuditEventKind(row[2]), note_id=row[3], detail=row[4]
    )


def events(connection: Connection, *, note_id: int | None, limit: int) -> list[AuditEvent]:
    if note_id is None:
        rows = connection.execute(
            f"SELECT {_EVENT_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
    else:
        rows = connection.execute(
            f"SELECT {_EVENT_COLUMNS} FROM audit_log WHERE note_id = ? ORDER BY id DESC LIMIT ?",
            (note_id, limit),
        ).fetchall()
    return [_event(row) for row in rows]


def failures_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".unlock-failures")


def note_failed_unlock(store_path: Path) -> None:
    """Best effort: a read-only folder must not turn a wrong passphrase into a crash."""
    target = failures_file(store_path)
    with contextlib.suppress(OSError):
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_ONLY)
        try:
            os.write(descriptor, (now_text() + "\n").encode("ascii"))
        finally:
            os.close(descriptor)


def pending_failed_unlocks(store_path: Path) -> list[str]:
    try:
        lines = failures_file(store_path).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [to_text(from_text(line)) for line in lines if _is_timestamp(line)]


def _is_timestamp(text: str) -> bool:
    try:
        from_text(text)
    except ValueError:
        return False
    return True


def import_failed_unlocks(connection: Connection, failures: list[str]) -> None:
    for moment in failures:
        record(connection, AuditEventKind.UNLOCK_FAILED, at=moment)


def clear_failed_unlocks(store_path: Path) -> None:
    failures_file(store_path).unlink(missing_ok=True)
