"""Disk full and a busy store: clear errors, nothing saved is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.store import NoteStore, StoreBusyError
from tests.store.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _can_mount_private_tmpfs(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs '{folder}'"],
        capture_output=True,
    )
    return probe.returncode == 0


def test_disk_full_rolls_back_only_the_failing_save(tmp_path: Path) -> None:
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if not _can_mount_private_tmpfs(mount_point):
        pytest.skip("needs unprivileged user+mount namespaces to make a small real disk")
    script = (
        f"mount -t tmpfs -o size=3m tmpfs '{mount_point}' && "
        f"exec '{sys.executable}' -m tests.store.disk_full_proc '{mount_point}/notes.db'"
    )
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert "disk is full" in report["message"]
    assert report["saved"] >= 1
    expected = {"kept before"} | {f"big {index}" for index in range(report["saved"])}
    assert set(report["titles"]) == expected
    assert set(report["reopened_titles"]) == expected


def test_store_held_by_another_process_is_reported_busy(store_path: Path) -> None:
    NoteStore.create(passphrase=PASSPHRASE, path=store_path).lock()
    store = NoteStore.unlock(passphrase=PASSPHRASE, path=store_path, busy_timeout_s=0.2)
    other = sqlcipher.connect(str(store_path), isolation_level=None)
    other.execute(f"PRAGMA key = '{PASSPHRASE}'")
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError) as raised:
            store.create_note(title="waits", document_type="soap")
        assert "another Enclave Scribe window" in raised.value.user_message
        assert store.list_notes() == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.create_note(title="after release", document_type="soap")
    assert [summary.title for summary in store.list_notes()] == ["after release"]
    store.lock()
