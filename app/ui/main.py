"""Qt application start-up: first run or unlock, then the main window.

The window appears at once (locked) so start-up feels instant; the store
and the model open behind it.  The heavy layers (llama.cpp, SQLCipher) are
imported only when first needed, which keeps launch-to-window short.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.ui.backend.protocols import NoteRepository
from app.ui.logsetup import configure_logging
from app.ui.main_window import MainWindow
from app.ui.model_report import ModelReport
from app.ui.services import Services
from app.ui.settings import load_settings, save_settings
from app.ui.theme import apply_theme, configure_hidpi

log = logging.getLogger(__name__)
LAUNCH_MARK_ENV = "ENCLAVE_LAUNCH_MARK"


class AppFlow:
    """Decides what the clinician sees first and re-shows unlock after a lock."""

    def __init__(self, *, window: MainWindow) -> None:
        self.window = window
        self.dialog: QDialog | None = None
        window.unlock_requested.connect(self.ask_unlock)
        window.locked.connect(self.ask_unlock)

    def begin(self) -> None:
        if self.window.services.gate.exists():
            self.ask_unlock()
        else:
            self.first_run()

    def first_run(self) -> None:
        from app.ui.dialogs.first_run import FirstRunWizard

        window = self.window
        window.services.engine.prepare()
        wizard = FirstRunWizard(
            check_model_fn=window.services.engine.check_model_file,
            create_store_fn=window.services.gate.create,
            initial_model_path=window.settings.model_path or _deployed_model_path(),
            parent=window,
        )
        wizard.completed.connect(self._first_run_done)
        self.dialog = wizard
        wizard.open()

    def _first_run_done(self, repo: NoteRepository, report: ModelReport) -> None:
        window = self.window
        settings = window.settings.with_changes(
            model_path=report.path, model_sha256=report.sha256
        )
        window.settings = settings
        save_settings(settings)
        window.unlock_with(repo)

    def ask_unlock(self) -> None:
        from app.ui.dialogs.unlock import UnlockDialog

        if self.dialog is not None and self.dialog.isVisible():
            return
        dialog = UnlockDialog(unlock_fn=self.window.services.gate.unlock, parent=self.window)
        dialog.unlocked.connect(self.window.unlock_with)
        self.dialog = dialog
        dialog.open()


def build_window(*, services: Services | None = None) -> tuple[MainWindow, AppFlow]:
    if services is None:
        from app.ui.backend.real import build_services

        services = build_services()
    window = MainWindow(services=services, settings=load_settings())
    return window, AppFlow(window=window)


def run(argv: Sequence[str]) -> int:
    from app.netguard import install_network_guard

    install_network_guard()
    configure_logging()
    configure_hidpi()
    app = QApplication(list(argv))
    app.setApplicationName("Enclave Scribe")
    app.setOrganizationName("EnclaveScribe")
    apply_theme(app)
    window, flow = build_window()
    window.show()
    _report_launch_time()
    QTimer.singleShot(0, flow.begin)
    app.aboutToQuit.connect(window.shut_down)  # also on quit without a close event
    code = app.exec()
    window.shut_down()
    del flow, window
    return code


def _report_launch_time() -> None:
    """For benchmarks/bench_ui.py: seconds from process start to window shown."""
    mark = os.environ.get(LAUNCH_MARK_ENV)
    if mark:
        QTimer.singleShot(0, lambda: print(f"window-shown {time.time():.6f}", flush=True))


def _deployed_model_path() -> str:
    """The model path IT pre-configured (MSI MODELPATH, deployment.json, env)."""
    from app.deployment import preconfigured_model_path

    path = preconfigured_model_path()
    return "" if path is None else str(path)
