"""A connection wrapper that turns SQLCipher's one silent failure into an error.

When a page fails its HMAC check SQLCipher zero-fills it and, for most pages,
SQLite then reports the damage.  Not for the *last overflow page* of a long
value (a long source or draft): its "next page" pointer is zero anyway, so
the value comes back with its tail replaced by NUL characters and no error
(seen with SQLCipher 4.19; `tests/store/test_damage.py` flips a byte in
every page to prove the store catches it).

So NUL is reserved as the mark of a failed page: the wrapper strips NUL
from every text written (clinical text has no use for it) and raises
`StoreCorruptError` when a text value read back contains one.  All store
SQL goes through it, so no read path can forget the check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.store.db import Connection, Cursor
from app.store.errors import StoreCorruptError

NUL = "\x00"


def _clean(parameters: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(
        value.replace(NUL, "") if isinstance(value, str) and NUL in value else value
        for value in parameters
    )


def _check(row: Any) -> Any:
    if row is not None:
        for value in row:
            if isinstance(value, str) and NUL in value:
                raise StoreCorruptError(backup=None, detail="a page failed authentication")
    return row


class GuardedCursor:
    def __init__(self, cursor: Cursor) -> None:
        self._cursor = cursor

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return _check(self._cursor.fetchone())

    def fetchall(self) -> list[Any]:
        rows = self._cursor.fetchall()
        for row in rows:
            _check(row)
        return rows


class GuardedConnection:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> GuardedCursor:
        return GuardedCursor(self._connection.execute(sql, _clean(parameters)))

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> GuardedCursor:
        cleaned = (_clean(row) for row in parameters)
        return GuardedCursor(self._connection.executemany(sql, cleaned))

    def close(self) -> None:
        self._connection.close()
