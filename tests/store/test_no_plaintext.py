"""Patient text never reaches the disk unencrypted: not in the store, its
WAL/SHM, its backups and sidecars, nor any temp file."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_SCAN_BYTES = 64 * 1024 * 1024


def _files(folder: Path, *, since: float) -> Iterator[Path]:
    for path in folder.rglob("*"):
        try:
            status = path.stat()
        except OSError:
            continue
        if path.is_file() and status.st_mtime >= since and status.st_size <= MAX_SCAN_BYTES:
            yield path


def _holding(marker: str, folders: list[Path], *, since: float) -> list[str]:
    needles = [marker.encode("utf-8"), marker.encode("utf-16-le")]
    found = []
    for folder in folders:
        for path in _files(folder, since=since):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(needle in data for needle in needles):
                found.append(str(path))
    return found


def test_marker_is_never_on_disk_in_plaintext(enclave_home: Path, tmp_path: Path) -> None:
    marker = f"MARKER{uuid.uuid4().hex}"
    private_tmp = tmp_path / "child-tmp"
    private_tmp.mkdir()
    store_path = enclave_home / "data" / "notes.db"
    started = time.time() - 1
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.marker_proc", str(store_path), marker],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TMPDIR": str(private_tmp),
            "SQLITE_TMPDIR": str(private_tmp),
        },
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "OPEN"
        folders = [enclave_home, private_tmp, Path(tempfile.gettempdir())]
        on_disk = sorted(path.name for path in store_path.parent.iterdir())
        assert {"notes.db", "notes.db-wal", "notes.db-shm", "backups"} <= set(on_disk)
        assert _holding(marker, folders, since=started) == []
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "CLOSED"
        assert _holding(marker, folders, since=started) == []
        assert list(private_tmp.iterdir()) == []
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    assert child.returncode == 0


def test_the_scan_would_see_a_plaintext_leak(tmp_path: Path) -> None:
    marker = f"MARKER{uuid.uuid4().hex}"
    (tmp_path / "leak.txt").write_text(f"pasted {marker}", encoding="utf-16-le")
    assert _holding(marker, [tmp_path], since=0) == [str(tmp_path / "leak.txt")]
