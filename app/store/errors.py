"""Store failures a clinician can act on, and the one place raw database
errors become them.

SQLite reports everything through a handful of result codes; the UI needs to
know *what to do*: retype the passphrase, restore a named backup, free disk
space, close the other window.  `translate_db_error` maps the codes once so no
caller ever shows a raw "database disk image is malformed".  Messages never
contain patient text.
"""

from __future__ import annotations

import errno
from pathlib import Path

from engine.errors import EnclaveError

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


class StoreError(EnclaveError):
    """Base of every note-store error."""

    user_message = "The note store could not complete that operation."


class WrongPassphraseError(StoreError):
    user_message = (
        "That passphrase is not correct. If you are sure it is right, the store file "
        "may be damaged: restore it from a backup."
    )


class StoreCorruptError(StoreError):
    """Not a store, or a page failed its HMAC check: never read silently."""

    def __init__(self, *, backup: Path | None, detail: str = "") -> None:
        self.backup = backup
        if backup is None:
            advice = "No backup was found."
        else:
            advice = f"Restore it from the newest backup: {backup.name}"
        super().__init__(f"The note store is damaged and was not read. {advice}", detail=detail)


class StoreLockedError(StoreError):
    user_message = "The note store is locked. Unlock it with your passphrase."


class StoreNotFoundError(StoreError):
    user_message = "No note store was found at that location."


class StoreExistsError(StoreError):
    user_message = "A note store already exists at that location."


class StoreTooNewError(StoreError):
    user_message = "This note store was written by a newer version of Enclave Scribe."


class InvalidPassphraseError(StoreError):
    user_message = "A passphrase must not be empty."


class DiskFullError(StoreError):
    user_message = (
        "The disk is full, so the last change was not saved. Everything saved before "
        "it is safe. Free some space and try again."
    )


class StoreBusyError(StoreError):
    user_message = (
        "The note store is in use by another Enclave Scribe window. Close it and try again."
    )


class StoreIOError(StoreError):
    user_message = "The note store file could not be read or written."


class InvalidTemplateError(StoreError):
    user_message = "The template could not be saved: its content is not valid."


class RecordNotFoundError(StoreError):
    user_message = "That note or version no longer exists."


def translate_db_error(error: Exception, *, newest_backup: Path | None) -> StoreError | None:
    """The `StoreError` for a sqlcipher3 error, or None for programming errors."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    detail = f"{type(error).__name__}: {error} (sqlite code {code})"
    if primary == SQLITE_FULL:
        return DiskFullError(detail=detail)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusyError(detail=detail)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreCorruptError(backup=newest_backup, detail=detail)
    if primary == SQLITE_IOERR:
        return StoreIOError(detail=detail)
    return None


def translate_os_error(error: OSError) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(detail=f"OSError errno {error.errno}")
    return StoreIOError(detail=f"OSError errno {error.errno}")
