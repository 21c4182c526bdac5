"""Child process: the real main window, offscreen, doing what a clinician does
until the parent kills it with SIGKILL.

Run as `python -m tests.security.app_child MODE MODEL` with ENCLAVE_HOME set.
It builds F's real MainWindow on the real services (SQLCipher store in
ENCLAVE_HOME, the random-weight tiny model; the engine adapter pre-opens the
final channel as the UI's Stop tests do, so the draft streams until killed),
unlocks (or creates) the store and then:
- `draft`: creates a note, types source notes and two draft edits (each
  autosaved as a version), presses Draft and reports `mid-draft` once tokens
  are streaming;
- `edit`: opens that note, types into the draft editor until the autosave
  fires, reports `autosaved`, keeps typing and reports `typing`.
Every report is a JSON line with the versions the store holds (number and
SHA-256 of the text), so the parent knows exactly what must survive.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.netguard import install_network_guard
from app.ui.backend.real import build_services
from app.ui.logsetup import configure_logging
from app.ui.main_window import MainWindow
from app.ui.settings import load_settings, save_settings
from tests.ui.engine_harness import ChannelEngine

PASSPHRASE = "kill nine passphrase"
TEMPLATE_ID = "soap-note"
SOURCE = "Reports low mood for two weeks. Sleeping 5 hours. Denies SI. Walks daily."
AUTOSAVE_WAIT_S = 10.0


def report(event: str, window: MainWindow, **extra: Any) -> None:
    payload = {"event": event, "versions": store_versions(window), **extra}
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_versions(window: MainWindow) -> list[list[Any]]:
    repo, note = window.notes.repo, window.notes.current
    if repo is None or note is None:
        return []
    drafts = repo.store.list_drafts(note.note_id)  # type: ignore[attr-defined]
    return [[d.version, sha(d.text)] for d in sorted(drafts, key=lambda d: d.version)]


def wait_for(
    signal: SignalInstance, *, timeout_s: float, until: Callable[..., bool] = lambda *a: True
) -> bool:
    loop = QEventLoop()
    fired: list[bool] = []

    def on_signal(*args: Any) -> None:
        if until(*args):
            fired.append(True)
            loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    return bool(fired)


def open_window(model: str) -> MainWindow:
    configure_logging()
    install_network_guard()
    settings = load_settings().with_changes(
        model_path=model, context_size=4096, default_template_id=TEMPLATE_ID
    )
    save_settings(settings)
    services = build_services()
    services.engine = ChannelEngine(
        model_path=lambda: model, context_size=lambda: settings.context_size
    )
    window = MainWindow(services=services, settings=settings)
    window.show()
    gate = services.gate
    repo = gate.unlock(PASSPHRASE) if gate.exists() else gate.create(PASSPHRASE)
    window.unlock_with(repo)
    return window


def type_and_autosave(window: MainWindow, text: str) -> None:
    QTest.keyClicks(window.draft_pane.editor, text)
    if not wait_for(window.notes.saved, timeout_s=AUTOSAVE_WAIT_S):
        raise SystemExit("autosave did not fire")


def draft_mode(window: MainWindow) -> None:
    window.notes.create(title="Kill test", template_id=TEMPLATE_ID)
    QTest.keyClicks(window.source_pane.editor, SOURCE)
    wait_for(window.notes.saved, timeout_s=AUTOSAVE_WAIT_S)
    for index in (1, 2):
        type_and_autosave(window, f" Edit {index}: reviewed with client.")
        report("saved", window)
    window.flow.start_draft()
    streaming = wait_for(
        window.drafting.generation_progress, timeout_s=120, until=lambda tokens, _rate: tokens > 8
    )
    report("mid-draft" if streaming else "draft-never-streamed", window)
    wait_for(window.drafting.finished, timeout_s=600)
    report("draft-finished-before-kill", window)


def edit_mode(window: MainWindow) -> None:
    rows = window.notes.refresh()
    window.notes.open(rows[0].note_id)
    type_and_autosave(window, " Plan: follow up in one week.")
    report("autosaved", window, text_sha=sha(window.draft_pane.editor.toPlainText()))
    for _ in range(5):
        QTest.keyClicks(window.draft_pane.editor, " unsaved", delay=20)
    report("typing", window)
    for _ in range(600):  # keep typing, faster than the autosave delay, until killed
        QTest.keyClicks(window.draft_pane.editor, "x", delay=50)
    report("typing-finished-before-kill", window)


def main(mode: str, model: str) -> int:
    app = QApplication([])
    window = open_window(model)
    {"draft": draft_mode, "edit": edit_mode}[mode](window)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
