"""SQL for clinicians' custom templates.

The writing layer owns the template format; the store keeps its JSON text
opaque (checked only to be valid JSON) under (template_id, version).  Every
version is kept because drafts' provenance names a template id *and*
version, and that version must stay readable for as long as the draft.
"""

from __future__ import annotations

import json
from typing import Any

from app.store import audit
from app.store.db import Connection
from app.store.errors import InvalidTemplateError, RecordNotFoundError
from app.store.models import AuditEventKind, StoredTemplate
from app.store.timestamps import from_text, now_text

_COLUMNS = "template_id, name, version, body_json, saved_at"


def _template(row: tuple[Any, ...]) -> StoredTemplate:
    return StoredTemplate(
        template_id=row[0], name=row[1], version=row[2], body=row[3], saved_at=from_text(row[4])
    )


def save(
    connection: Connection, *, template_id: str, name: str, version: int, body: str
) -> StoredTemplate:
    """Insert, or replace the same (id, version) while it is still being edited."""
    try:
        json.loads(body)
    except ValueError as error:
        raise InvalidTemplateError(detail=f"template {template_id!r}: {error}") from None
    connection.execute(
        f"INSERT OR REPLACE INTO templates ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        (template_id, name, version, body, now_text()),
    )
    audit.record(connection, AuditEventKind.TEMPLATE_SAVED, detail=f"{template_id} v{version}")
    return get(connection, template_id, version=version)


def get(connection: Connection, template_id: str, *, version: int | None) -> StoredTemplate:
    if version is None:
        row = connection.execute(
            f"SELECT {_COLUMNS} FROM templates WHERE template_id = ? ORDER BY version DESC LIMIT 1",
            (template_id,),
        ).fetchone()
    else:
        row = connection.execute(
            f"SELECT {_COLUMNS} FROM templates WHERE template_id = ? AND version = ?",
            (template_id, version),
        ).fetchone()
    if row is None:
        raise RecordNotFoundError(detail=f"template {template_id!r} version {version}")
    return _template(row)


def latest_versions(connection: Connection) -> list[StoredTemplate]:
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM templates AS t WHERE version = "
        "(SELECT max(version) FROM templates WHERE template_id = t.template_id) "
        "ORDER BY name, template_id"
    ).fetchall()
    return [_template(row) for row in rows]


def delete(connection: Connection, template_id: str) -> int:
    cursor = connection.execute("DELETE FROM templates WHERE template_id = ?", (template_id,))
    if cursor.rowcount:
        audit.record(connection, AuditEventKind.TEMPLATE_DELETED, detail=template_id)
    return cursor.rowcount
