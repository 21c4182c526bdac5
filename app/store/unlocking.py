"""Opening an existing store, and telling a wrong passphrase from damage.

SQLCipher reports both a wrong key and a damaged first page as "file is not
a database": page 1's HMAC fails either way and cryptography cannot say
which.  The store narrows it down without ever writing to the file:
- an empty file, a plaintext SQLite header, or a size that is not a whole
  number of pages means the file is not (or no longer) a store;
- if the same passphrase opens the newest backup, the passphrase is right
  and the store is damaged, so the clinician is sent to that backup;
- otherwise it is reported as a wrong passphrase (the message still
  mentions damage as the rarer cause) and the attempt is noted for the
  audit log (see `audit`).
"""

from __future__ import annotations

from pathlib import Path

from app.store import audit
from app.store.backup import newest_backup, verify_backup
from app.store.db import Connection, DatabaseError, looks_like_plain_sqlite, open_keyed
from app.store.errors import (
    SQLITE_NOTADB,
    StoreCorruptError,
    StoreError,
    StoreNotFoundError,
    WrongPassphraseError,
    translate_db_error,
)

MIN_PAGE_SIZE = 512


def open_existing(path: Path, *, passphrase: str, busy_timeout_s: float) -> Connection:
    if not path.is_file():
        raise StoreNotFoundError(detail=str(path.name))
    not_a_store = _not_a_store_reason(path)
    if not_a_store:
        raise StoreCorruptError(backup=newest_backup(path), detail=not_a_store)
    try:
        return open_keyed(path, passphrase=passphrase, busy_timeout_s=busy_timeout_s)
    except DatabaseError as error:
        classified = _classify(error, path=path, passphrase=passphrase, timeout=busy_timeout_s)
        if classified is error:
            raise
        raise classified from error


def _not_a_store_reason(path: Path) -> str:
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    if size % MIN_PAGE_SIZE:
        return f"size {size} is not a whole number of pages"
    if looks_like_plain_sqlite(path):
        return "the file is an unencrypted SQLite database"
    return ""


def _classify(error: Exception, *, path: Path, passphrase: str, timeout: float) -> Exception:
    backup = newest_backup(path)
    if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF != SQLITE_NOTADB:
        translated: StoreError | None = translate_db_error(error, newest_backup=backup)
        return error if translated is None else translated
    if backup is not None and _opens(backup, passphrase=passphrase, timeout=timeout):
        return StoreCorruptError(
            backup=backup, detail="page 1 failed authentication; the passphrase opens the backup"
        )
    audit.note_failed_unlock(path)
    return WrongPassphraseError(detail="page 1 failed authentication")


def _opens(backup: Path, *, passphrase: str, timeout: float) -> bool:
    try:
        verify_backup(backup, passphrase=passphrase, busy_timeout_s=timeout)
    except (DatabaseError, StoreError):
        return False
    return True
