"""Find a marker string anywhere the app could have spilled patient text.

The marker is searched as raw bytes in UTF-8, UTF-16-LE and UTF-16-BE (Qt and
Windows APIs store UTF-16), in every file under the app's directories, the
store file and its -wal/-shm/backups, and every file in the temp dir that is
new or changed since a snapshot taken before the session.  Only the folder
the clinician chose for exports is left out: writing there is the point.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_SCAN_BYTES = 256 * 1024 * 1024
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


@dataclass(frozen=True)
class Hit:
    path: Path
    encoding: str
    offset: int


def needles(marker: str) -> dict[str, bytes]:
    return {encoding: marker.encode(encoding) for encoding in ENCODINGS}


def _files_under(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for folder, _dirs, names in os.walk(root, onerror=lambda _error: None):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def scan_file(path: Path, marker: str) -> list[Hit]:
    try:
        if path.stat().st_size > MAX_SCAN_BYTES:
            return []
        data = path.read_bytes()
    except OSError:
        return []  # vanished or unreadable (another process's temp file)
    return [
        Hit(path, encoding, data.find(needle))
        for encoding, needle in needles(marker).items()
        if needle in data
    ]


def scan(
    paths: Iterable[Path], marker: str, *, exclude: Iterable[Path] = ()
) -> tuple[int, list[Hit]]:
    """(files scanned, hits) over every file under `paths`."""
    excluded = [p.resolve() for p in exclude]
    scanned, hits = 0, []
    seen: set[Path] = set()
    for root in paths:
        for path in _files_under(root):
            resolved = path.resolve()
            if resolved in seen or any(resolved.is_relative_to(x) for x in excluded):
                continue
            seen.add(resolved)
            scanned += 1
            hits += scan_file(path, marker)
    return scanned, hits


def store_files(store_path: Path) -> list[Path]:
    """The store, its -wal/-shm/-journal side files and every backup next to it."""
    suffixes = ("-wal", "-shm", "-journal")
    side = [store_path.with_name(store_path.name + suffix) for suffix in suffixes]
    backups = sorted(store_path.parent.rglob("*.db*"))
    return [p for p in (store_path, *side, *backups) if p.exists()]


class TempSnapshot:
    """Files in the temp dir before the session, so only its own are scanned."""

    def __init__(self) -> None:
        self.root = Path(tempfile.gettempdir())
        self._before = {path: _mtime(path) for path in _files_under(self.root)}

    def changed_files(self) -> list[Path]:
        return [
            path
            for path in _files_under(self.root)
            if path not in self._before or _mtime(path) != self._before[path]
        ]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1
