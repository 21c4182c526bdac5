"""Encrypted backups (`sqlcipher_export`) and restoring one.

A backup is a complete, standalone SQLCipher file under `backups/` next to
the store, written through a `.partial` name, checked page by page
(`quick_check` verifies every page's HMAC) and only then renamed into place,
so a listed backup is always a whole one.  It is keyed with the passphrase
in force when it was made (an attached database without a KEY clause shares
the main key), so restoring it asks for that passphrase.

Restoring never deletes anything: the backup is verified with the given
passphrase, copied beside the store, and only then is the current file
(and any WAL/SHM) renamed aside as `<store>.before-restore-<time>` and the
copy renamed over the store.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from app.store.db import (
    Connection,
    create_owner_only_file,
    fsync_directory,
    fsync_file,
    open_keyed,
    side_files,
)
from app.store.errors import StoreCorruptError, StoreIOError, translate_os_error
from app.store.models import utc_now
from app.store.timestamps import compact

BACKUPS_DIR_NAME = "backups"
BACKUP_SUFFIX = ".db"


def backups_dir(store_path: Path) -> Path:
    return store_path.parent / BACKUPS_DIR_NAME


def list_backups(store_path: Path) -> list[Path]:
    """Oldest first; names embed a sortable UTC time."""
    folder = backups_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{store_path.stem}-*{BACKUP_SUFFIX}"))


def newest_backup(store_path: Path) -> Path | None:
    backups = list_backups(store_path)
    return backups[-1] if backups else None


def export_backup(connection: Connection, store_path: Path) -> Path:
    folder = backups_dir(store_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = folder / f"{store_path.stem}-{compact(utc_now())}{BACKUP_SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    create_owner_only_file(partial)
    try:
        _export_into(connection, partial)
        fsync_file(partial)
        os.replace(partial, final)
        fsync_directory(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def _export_into(connection: Connection, target: Path) -> None:
    connection.execute("ATTACH DATABASE ? AS backup", (str(target),))
    try:
        connection.execute("SELECT sqlcipher_export('backup')").fetchone()
        verdict = connection.execute("PRAGMA backup.quick_check").fetchone()
    finally:
        connection.execute("DETACH DATABASE backup")
    if verdict is None or verdict[0] != "ok":
        raise StoreIOError(detail="backup failed its own check")


def verify_backup(backup: Path, *, passphrase: str, busy_timeout_s: float) -> None:
    """Raise sqlcipher's error for a wrong passphrase; StoreCorruptError for a bad page."""
    connection = open_keyed(
        backup, passphrase=passphrase, busy_timeout_s=busy_timeout_s, read_only=True
    )
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()
    finally:
        connection.close()
    if verdict is None or verdict[0] != "ok":
        raise StoreCorruptError(backup=None, detail="backup failed quick_check")


def install_backup(backup: Path, store_path: Path) -> Path | None:
    """Put a verified backup in place; returns where the old store was moved."""
    staging = store_path.with_name(store_path.name + ".restoring")
    staging.unlink(missing_ok=True)
    try:
        create_owner_only_file(staging)
        shutil.copyfile(backup, staging)
        fsync_file(staging)
    except OSError as error:
        staging.unlink(missing_ok=True)
        raise translate_os_error(error) from error
    set_aside = _set_aside(store_path)
    os.replace(staging, store_path)
    fsync_directory(store_path.parent)
    return set_aside


def _set_aside(store_path: Path) -> Path | None:
    if not store_path.exists():
        return None
    aside = store_path.with_name(f"{store_path.name}.before-restore-{compact(utc_now())}")
    os.replace(store_path, aside)
    for side, suffix in zip(side_files(store_path), ("-wal", "-shm", "-journal"), strict=True):
        with contextlib.suppress(FileNotFoundError):
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside
