"""A writer killed with SIGKILL mid-save loses nothing it had committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from app.store import NoteStore
from tests.store.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 5


def _run_and_kill(store_path: Path, first: int, rng: random.Random) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_proc", str(store_path), PASSPHRASE, str(first)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    committed: list[int] = []
    assert child.stdout is not None
    stdout = child.stdout
    reader = threading.Thread(target=lambda: committed.extend(int(line) for line in stdout))
    reader.start()
    deadline = time.monotonic() + 30
    while len(committed) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.05, 0.6))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    assert committed, "the writer never committed a save"
    return committed


def test_committed_saves_survive_sigkill(store_path: Path) -> None:
    NoteStore.create(passphrase=PASSPHRASE, path=store_path).lock()
    rng = random.Random(5)
    promised: list[int] = []
    for round_number in range(ROUNDS):
        promised += _run_and_kill(store_path, round_number * 100_000, rng)
        with NoteStore.unlock(passphrase=PASSPHRASE, path=store_path) as reopened:
            reopened.integrity_check()
            summaries = reopened.list_notes(limit=1_000_000)
            titles = {summary.title for summary in summaries}
            missing = [number for number in promised if f"save {number}" not in titles]
            assert missing == []
            autosaves = {
                autosave.text
                for summary in summaries
                if (autosave := reopened.get_autosave(summary.id)) is not None
            }
            assert {f"autosave {number}" for number in promised} <= autosaves
