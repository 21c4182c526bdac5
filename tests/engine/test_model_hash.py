"""Hashing a model file streams it in chunks, reports progress and stops on cancel.

A 12 GB file must not freeze the app: progress must move chunk by chunk and a
cancel must take effect at the next chunk, with a clear `OperationCancelled`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from engine.errors import ModelFileError, OperationCancelled
from engine.modelfile import sha256_file

CHUNK = 64 * 1024


@pytest.fixture
def blob(tmp_path: Path) -> Path:
    path = tmp_path / "blob.bin"
    path.write_bytes(os.urandom(10 * CHUNK + 123))
    return path


def test_digest_equals_hashlib(blob: Path, tiny_model_path: Path) -> None:
    assert sha256_file(blob, chunk_bytes=CHUNK) == hashlib.sha256(blob.read_bytes()).hexdigest()
    expected = hashlib.sha256(tiny_model_path.read_bytes()).hexdigest()
    assert sha256_file(tiny_model_path) == expected


def test_progress_reports_every_chunk_up_to_the_total(blob: Path) -> None:
    seen: list[tuple[int, int]] = []
    sha256_file(blob, progress=lambda d, t: seen.append((d, t)), chunk_bytes=CHUNK)
    total = blob.stat().st_size
    assert len(seen) == 11
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})
    assert all(t == total for _, t in seen)
    assert seen[-1] == (total, total)
    assert seen[0] == (CHUNK, total)


def test_event_cancel_stops_at_the_next_chunk(blob: Path) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 3:
            cancel.set()

    with pytest.raises(OperationCancelled) as caught:
        sha256_file(blob, progress=progress, cancel=cancel, chunk_bytes=CHUNK)
    assert seen == [CHUNK, 2 * CHUNK, 3 * CHUNK]
    assert caught.value.user_message == "Cancelled."


def test_callable_cancel_before_start(blob: Path) -> None:
    seen: list[int] = []
    with pytest.raises(OperationCancelled):
        sha256_file(blob, progress=lambda d, t: seen.append(d), cancel=lambda: True)
    assert seen == []


def test_cancel_from_another_thread(blob: Path) -> None:
    cancel = threading.Event()
    started = threading.Event()
    outcome: list[BaseException] = []

    def slow_progress(done: int, total: int) -> None:
        started.set()
        threading.Event().wait(0.01)

    def work() -> None:
        try:
            sha256_file(blob, progress=slow_progress, cancel=cancel, chunk_bytes=1024)
        except OperationCancelled as error:
            outcome.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(5)
    cancel.set()
    worker.join(5)
    assert not worker.is_alive()
    assert len(outcome) == 1


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    seen: list[tuple[int, int]] = []
    digest = sha256_file(empty, progress=lambda done, total: seen.append((done, total)))
    assert digest == hashlib.sha256(b"").hexdigest()
    assert seen == [(0, 0)]
    with pytest.raises(ModelFileError):
        sha256_file(tmp_path / "absent")
