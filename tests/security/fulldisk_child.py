"""Child process: fill a really full disk with note saves, then count losses.

Run inside a private mount namespace with a small tmpfs as ENCLAVE_HOME (see
isolation.run_module_on_tiny_disk).  It saves edited versions of one note
until the store reports DiskFullError, checks that every version saved before
is still readable, frees a ballast file, unlocks again, runs the integrity
check and saves once more.  Prints one JSON line with the figures.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from app.paths import data_dir
from app.store import DiskFullError, NoteStore

PASSPHRASE = "full disk passphrase"
VERSION_BYTES = 16 * 1024
MAX_SAVES = 10_000
BALLAST_BYTES = 128 * 1024


def _version_text(index: int) -> str:
    return f"version {index:05d} " + os.urandom(VERSION_BYTES // 2).hex()


def _fill(store: NoteStore, note_id: int) -> tuple[dict[int, str], DiskFullError | None]:
    saved: dict[int, str] = {}
    parent: int | None = None
    for index in range(MAX_SAVES):
        text = _version_text(index)
        try:
            parent = store.save_edit(note_id, text=text, parent_version=parent).version
        except DiskFullError as error:
            return saved, error
        saved[parent] = text
    return saved, None


def _lost(store: NoteStore, note_id: int, saved: dict[int, str]) -> int:
    present = {draft.version: draft.text for draft in store.list_drafts(note_id)}
    return sum(1 for version, text in saved.items() if present.get(version) != text)


def main() -> int:
    ballast = data_dir() / "ballast.bin"
    ballast.write_bytes(os.urandom(BALLAST_BYTES))
    store = NoteStore.create(passphrase=PASSPHRASE)
    note_id = store.create_note(title="Full disk check", document_type="soap-note").id
    saved, error = _fill(store, note_id)
    report: dict[str, Any] = {"saved": len(saved), "error": type(error).__name__}
    report["message"] = error.user_message if error else ""
    report["again"] = _second_attempt(store, note_id)
    report["lost_while_full"] = _lost(store, note_id, saved)
    store.lock()
    ballast.unlink()
    reopened = NoteStore.unlock(passphrase=PASSPHRASE)
    reopened.integrity_check()
    report["lost_after_reopen"] = _lost(reopened, note_id, saved)
    report["saved_after_freeing"] = reopened.save_edit(
        note_id, text="after freeing space", parent_version=max(saved)
    ).version
    reopened.lock()
    report["filesystem"] = _filesystem_of(data_dir())
    print(json.dumps(report))
    return 0


def _second_attempt(store: NoteStore, note_id: int) -> str:
    try:
        store.save_edit(note_id, text=_version_text(MAX_SAVES), parent_version=None)
    except DiskFullError as error:
        return type(error).__name__
    return "saved"


def _filesystem_of(path: Path) -> str:
    best = ""
    fs_type = ""
    for line in Path("/proc/self/mounts").read_text().splitlines():
        _device, mount_point, kind, *_ = line.split()
        if str(path).startswith(mount_point) and len(mount_point) > len(best):
            best, fs_type = mount_point, kind
    return fs_type


if __name__ == "__main__":
    sys.exit(main())
