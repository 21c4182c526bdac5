"""One keyed connection, one lock, and all-or-nothing writes.

The UI calls the store from the GUI thread and from workers; a single
connection behind a re-entrant lock keeps that safe without a pool of keyed
connections (each would pay the key derivation).  Every write is one
IMMEDIATE transaction, so it takes the write lock up front (a busy store is
reported at once, not half-way) and either commits whole or rolls back whole
— a disk-full in the middle loses nothing already saved.  Inside `bulk()`
many writes share one transaction, each in its own savepoint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn, TypeVar

from app.store.backup import newest_backup
from app.store.db import Connection, DatabaseError
from app.store.errors import (
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    translate_db_error,
    translate_os_error,
)
from app.store.guarded import GuardedConnection

Result = TypeVar("Result")
_TRANSLATED = (DatabaseError, OSError, StoreCorruptError)
Operation = Callable[[Connection], Result]


class Session:
    def __init__(self, connection: Connection, *, store_path: Path) -> None:
        self._connection: Connection | None = GuardedConnection(connection)
        self._store_path = store_path
        self._lock = threading.RLock()
        self._bulk_depth = 0

    @property
    def is_open(self) -> bool:
        return self._connection is not None

    def close(self) -> None:
        with self._lock:
            connection, self._connection = self._connection, None
            if connection is not None:
                connection.close()

    def read(self, operation: Operation[Result]) -> Result:
        with self._lock:
            connection = self._open_connection()
            try:
                return operation(connection)
            except _TRANSLATED as error:
                self._raise_translated(error)

    def exclusive(self, operation: Operation[Result]) -> Result:
        """Hold the connection with no transaction around it: for statements
        that manage their own (rekey, sqlcipher_export, integrity checks)."""
        return self.read(operation)

    def write(self, operation: Operation[Result]) -> Result:
        with self._lock:
            connection = self._open_connection()
            if self._bulk_depth:
                return self._in_savepoint(connection, operation)
            return self._in_transaction(connection, operation)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Group many writes into one transaction (imports, benchmarks)."""
        with self._lock:
            connection = self._open_connection()
            if self._bulk_depth:
                self._bulk_depth += 1
                try:
                    yield
                finally:
                    self._bulk_depth -= 1
                return
            self._bulk_depth = 1
            try:
                with self._transaction(connection):
                    yield
            finally:
                self._bulk_depth = 0

    def _open_connection(self) -> Connection:
        if self._connection is None:
            raise StoreLockedError()
        return self._connection

    def _begin(self, connection: Connection) -> None:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except DatabaseError as error:
            self._raise_translated(error)

    def _in_transaction(self, connection: Connection, operation: Operation[Result]) -> Result:
        with self._transaction(connection):
            return operation(connection)

    @contextmanager
    def _transaction(self, connection: Connection) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; any error rolls back and is translated."""
        self._begin(connection)
        try:
            yield
            connection.execute("COMMIT")
        except BaseException as error:
            self._rollback(connection)
            if isinstance(error, _TRANSLATED):
                self._raise_translated(error)
            raise

    def _in_savepoint(self, connection: Connection, operation: Operation[Result]) -> Result:
        connection.execute("SAVEPOINT store_write")
        try:
            result = operation(connection)
        except BaseException as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK TO store_write")
                connection.execute("RELEASE store_write")
            if isinstance(error, _TRANSLATED):
                self._raise_translated(error)
            raise
        connection.execute("RELEASE store_write")
        return result

    @staticmethod
    def _rollback(connection: Connection) -> None:
        if connection.in_transaction:
            connection.execute("ROLLBACK")

    def _raise_translated(self, error: Exception) -> NoReturn:
        translated: StoreError | None
        if isinstance(error, StoreCorruptError):
            newest = newest_backup(self._store_path)
            translated = StoreCorruptError(backup=newest, detail=error.detail)
        elif isinstance(error, OSError):
            translated = translate_os_error(error)
        else:
            translated = translate_db_error(error, newest_backup=newest_backup(self._store_path))
        if translated is None:
            raise error
        raise translated from error
