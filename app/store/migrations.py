"""Applying the append-only migration list when a store opens.

Each migration runs in its own IMMEDIATE transaction together with the row
recording its name, so a crash mid-migration leaves the store at the previous
step, never half-way.  A store whose recorded names are not a prefix of the
list this build knows was written by a newer release and is refused rather
than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.store.db import Connection, complete_statement
from app.store.errors import StoreTooNewError
from app.store.models import utc_now
from app.store.schema import MIGRATIONS, MIGRATIONS_TABLE_DDL

Migration = tuple[str, str]


def split_statements(script: str) -> Iterator[str]:
    """Split on statement boundaries as SQLite sees them (trigger bodies stay whole)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if pending.strip() and complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError("migration script ends with an incomplete statement")


def applied_migrations(connection: Connection) -> list[str]:
    rows = connection.execute("SELECT name FROM schema_migrations ORDER BY rowid").fetchall()
    return [str(row[0]) for row in rows]


def _check_known(applied: list[str], migrations: Sequence[Migration]) -> None:
    known = [name for name, _ in migrations]
    if applied != known[: len(applied)]:
        raise StoreTooNewError(detail=f"store has migrations {applied!r}")


def _apply_one(connection: Connection, name: str, script: str) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in split_statements(script):
            connection.execute(statement)
        connection.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
            (name, utc_now().isoformat()),
        )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def migrate(connection: Connection, *, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the missing tail of `migrations`; returns the names applied now."""
    connection.execute(MIGRATIONS_TABLE_DDL)
    applied = applied_migrations(connection)
    _check_known(applied, migrations)
    pending = list(migrations[len(applied) :])
    for name, script in pending:
        _apply_one(connection, name, script)
    return [name for name, _ in pending]
