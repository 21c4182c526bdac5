"""The desktop app, driven through its real widgets, leaves no plaintext.

pytest-qt drives F's real MainWindow offscreen on the real services: create
the store, new note, type a unique marker into the source notes, draft with
the harmony-steered tiny model (the draft is its own final message), type
the marker into the draft, wait for the autosave, sign, export every format
(PDF included) to a folder the clinician chose, lock.
Then the app's data/config/log/cache dirs, the log file actually written,
Qt's own per-app locations, the store files (main, -wal, -shm, backups) and
every new temp file are scanned for the marker in UTF-8 and UTF-16: 0.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from app import paths
from app.ui.backend.engine_side import RealEngine
from app.ui.backend.real import build_services
from app.ui.logsetup import configure_logging
from app.ui.main_window import MainWindow
from app.ui.settings import load_settings, save_settings
from engine.runtime.sampling import SamplingOptions
from tests.security.leak_scan import TempSnapshot, scan, store_files

PASSPHRASE = "gui leak scan passphrase"
WAIT_MS = 120_000


def _open_app(qtbot: QtBot, model: Path) -> MainWindow:
    settings = load_settings().with_changes(
        model_path=str(model), context_size=4096, default_template_id="soap-note"
    )
    save_settings(settings)
    services = build_services()
    services.engine = RealEngine(
        model_path=lambda: str(model),
        context_size=lambda: settings.context_size,
        sampling=SamplingOptions(seed=3, max_tokens=1024),
    )
    window = MainWindow(services=services, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.unlock_with(services.gate.create(PASSPHRASE))
    return window


def _log_files() -> list[Path]:
    return [
        Path(handler.baseFilename)
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.FileHandler)
    ]


def _qt_locations() -> list[Path]:
    kinds = (
        QStandardPaths.StandardLocation.AppDataLocation,
        QStandardPaths.StandardLocation.AppConfigLocation,
        QStandardPaths.StandardLocation.CacheLocation,
    )
    found = [Path(QStandardPaths.writableLocation(kind)) for kind in kinds]
    return [path for path in found if str(path) not in ("", ".") and path.exists()]


def _work_like_a_clinician(
    qtbot: QtBot, window: MainWindow, marker: str, out: Path
) -> tuple[Path, int]:
    """Returns the store path and the marker hits found while the store was still open."""
    window.new_note()
    qtbot.keyClicks(window.source_pane.editor, f"Client {marker} sleeps 5 hours. Denies SI.")
    with qtbot.waitSignal(window.flow.checks_done, timeout=WAIT_MS):
        window.flow.start_draft()
    assert window.draft_pane.editor.toPlainText().strip(), "the model's own final message"
    with qtbot.waitSignal(window.notes.saved, timeout=10_000):
        qtbot.keyClicks(window.draft_pane.editor, f" Clinician edit: {marker}.")
    store_path: Path = window.notes.repo.store.path  # type: ignore[union-attr]
    assert window.actions_.sign_current(clinician="Dr Example")
    for fmt in window.actions_.export_formats():
        assert window.actions_.export_to(out / f"note.{fmt}", fmt=fmt), fmt
    _scanned, hits_while_open = scan([*paths.all_dirs(), *store_files(store_path)], marker)
    window.lock()
    return store_path, len(hits_while_open)


def test_gui_session_leaves_no_plaintext(
    qtbot: QtBot, steered_model_path: Path, tmp_path: Path
) -> None:
    marker = f"LEAK-{uuid.uuid4().hex}"
    export_dir = tmp_path / "chosen-export-folder"
    export_dir.mkdir()
    snapshot = TempSnapshot()
    configure_logging()
    window = _open_app(qtbot, steered_model_path)
    store_path, hits_while_open = _work_like_a_clinician(qtbot, window, marker, export_dir)
    store = store_files(store_path)
    targets = [*paths.all_dirs(), *_log_files(), *_qt_locations(), *store]
    targets += snapshot.changed_files()
    scanned, hits = scan(targets, marker, exclude=[export_dir])
    print(f"\nleak scan (GUI session): {scanned} files, {len(store)} store files, "
          f"marker occurrences = {len(hits)} (while the store was open: {hits_while_open})")
    assert hits == [], hits
    assert hits_while_open == 0
    assert window.is_locked and marker not in window.draft_pane.editor.toPlainText()
    assert len(store) >= 1
    exported, export_hits = scan([export_dir], marker)
    assert exported >= 6 and export_hits, "positive control: the exports carry the marker"
