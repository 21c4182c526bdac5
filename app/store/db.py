"""Opening SQLCipher files: keying, pragmas and owner-only permissions.

Kept apart from `NoteStore` so the rules for *every* connection (the store,
backup verification, the benchmark's side-by-side run) live in one place:
- the key is applied before anything reads the file, and is verified by a
  read, so a wrong passphrase fails before a byte is written;
- SQLCipher 4 defaults are never overridden (AES-256, HMAC-SHA512 pages,
  PBKDF2-HMAC-SHA512 x 256,000);
- temp tables and sort spills stay in memory (`temp_store=MEMORY`);
- WAL with `synchronous=FULL`: every commit is fsynced before it returns, so
  a committed save survives a crash of the process *and* of the machine;
- the file is created 0600 before SQLite opens it; SQLite gives the WAL and
  SHM files the main file's mode, and `restrict_permissions` re-asserts it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.errors import InvalidPassphraseError

OWNER_ONLY = 0o600
CACHE_KIB = 65536
SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
PLAINTEXT_SQLITE_HEADER = b"SQLite format 3\x00"


class Cursor(Protocol):
    @property
    def lastrowid(self) -> int | None: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    def close(self) -> None: ...


DatabaseError: type[Exception] = sqlcipher.DatabaseError
complete_statement = sqlcipher.complete_statement


def check_passphrase(passphrase: str) -> None:
    """An empty key would leave the file unencrypted; NUL would truncate it."""
    if not passphrase or "\x00" in passphrase:
        raise InvalidPassphraseError()


def sql_string_literal(text: str) -> str:
    """PRAGMA key/rekey take no bound parameters, so quote as SQL does."""
    return "'" + text.replace("'", "''") + "'"


def create_owner_only_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    os.close(descriptor)


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILE_SUFFIXES]


def restrict_permissions(path: Path) -> None:
    for candidate in (path, *side_files(path)):
        if candidate.exists():
            candidate.chmod(OWNER_ONLY)


def connect_raw(path: Path, *, busy_timeout_s: float, read_only: bool = False) -> Connection:
    """A connection with no key yet; `check_same_thread=False` because the
    store serialises access itself with one lock."""
    target = f"file:{path}?mode=ro" if read_only else str(path)
    connection = sqlcipher.connect(
        target,
        uri=read_only,
        timeout=busy_timeout_s,
        isolation_level=None,
        check_same_thread=False,
    )
    connection.execute("PRAGMA cipher_log_level = NONE")
    return cast(Connection, connection)


def apply_key(connection: Connection, passphrase: str) -> None:
    """Key the connection and prove the key by reading page 1.

    Raises sqlcipher's DatabaseError (SQLITE_NOTADB) for a wrong key or a
    file that is not a store; nothing has been written at that point."""
    connection.execute(f"PRAGMA key = {sql_string_literal(passphrase)}")
    connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()


def configure(connection: Connection) -> None:
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA journal_mode = WAL").fetchone()
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def open_keyed(
    path: Path, *, passphrase: str, busy_timeout_s: float, read_only: bool = False
) -> Connection:
    connection = connect_raw(path, busy_timeout_s=busy_timeout_s, read_only=read_only)
    try:
        apply_key(connection, passphrase)
        if not read_only:
            configure(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def looks_like_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(PLAINTEXT_SQLITE_HEADER)) == PLAINTEXT_SQLITE_HEADER


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(path: Path) -> None:
    fsync_file(path)
