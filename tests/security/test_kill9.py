"""SIGKILL of the running app mid-draft and mid-edit loses no saved work.

The real main window runs offscreen in a child (tests/security/app_child.py)
on the real store and the tiny model.  It is killed with SIGKILL while tokens
stream, then restarted (the edit phase opens the same store) and killed again
while the clinician keeps typing after an autosave.  After each kill the store
must open, pass SQLCipher's integrity check and hold every version the child
reported as saved — byte for byte — with the last autosaved text as the
latest version.  Lost saves must be 0.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from app.store import NoteStore
from tests.security.app_child import PASSPHRASE, sha

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run_until(
    mode: str, model: Path, *, kill_on: str, timeout_s: float = 180
) -> list[dict[str, Any]]:
    """Run the app child, SIGKILL it when it reports `kill_on`; return its reports."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.security.app_child", mode, str(model)],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    reports: list[dict[str, Any]] = []
    try:
        while selector.select(timeout=timeout_s):
            line = child.stdout.readline()
            if not line:
                break
            reports.append(json.loads(line))
            if reports[-1]["event"] == kill_on:
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait()
        selector.close()
    assert child.returncode == -signal.SIGKILL, (mode, reports)
    assert reports and reports[-1]["event"] == kill_on, reports
    return reports


def _versions_after_restart() -> dict[int, str]:
    store = NoteStore.unlock(passphrase=PASSPHRASE)
    try:
        store.integrity_check()
        note = store.list_notes()[0]
        return {draft.version: sha(draft.text) for draft in store.list_drafts(note.id)}
    finally:
        store.lock()


def _lost(reported: list[list[Any]], present: dict[int, str]) -> int:
    return sum(1 for version, digest in reported if present.get(version) != digest)


def test_sigkill_mid_draft_and_mid_edit_loses_no_saves(tiny_model_path: Path) -> None:
    draft_reports = _run_until("draft", tiny_model_path, kill_on="mid-draft")
    saved_before_draft = draft_reports[-1]["versions"]
    present = _versions_after_restart()
    lost_draft = _lost(saved_before_draft, present)
    print(f"\nkill -9 mid-draft: {len(saved_before_draft)} versions, lost saves = {lost_draft}")
    assert len(saved_before_draft) >= 2
    assert lost_draft == 0

    edit_reports = _run_until("edit", tiny_model_path, kill_on="typing")
    autosaved = next(r for r in edit_reports if r["event"] == "autosaved")
    present = _versions_after_restart()
    lost_edit = _lost(autosaved["versions"], present)
    latest = present[max(present)]
    print(
        f"kill -9 mid-edit: {len(autosaved['versions'])} saved versions, lost saves = {lost_edit}, "
        f"last autosave kept = {latest == autosaved['text_sha']}"
    )
    assert lost_edit == 0
    assert _lost(saved_before_draft, present) == 0
    assert latest == autosaved["text_sha"]
    assert len(autosaved["versions"]) > len(saved_before_draft)
