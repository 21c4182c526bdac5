"""Build the real main window on real services (SQLCipher store in the test's
ENCLAVE_HOME, the writing layer, the app's engine adapter on a tiny model —
or, with `pre_open`, the adapter that streams on one channel until stopped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from app.ui.backend.engine_side import RealEngine
from app.ui.backend.store_side import StoreGateImpl
from app.ui.backend.writing_side import RealWriting
from app.ui.main import AppFlow
from app.ui.main_window import MainWindow
from app.ui.services import Services
from app.ui.settings import UiSettings, save_settings
from tests.ui.engine_harness import ChannelEngine

PASSPHRASE = "correct horse battery"
CONTEXT = 8192


def make_services(model_path: Path, *, pre_open: str | None = None) -> Services:
    def path() -> str:
        return str(model_path)

    def context() -> int:
        return CONTEXT

    engine = (
        RealEngine(model_path=path, context_size=context)
        if pre_open is None
        else ChannelEngine(channel=pre_open, model_path=path, context_size=context)
    )
    return Services(gate=StoreGateImpl(), writing=RealWriting(), engine=engine)


def make_window(
    qtbot: QtBot, model_path: Path, *, pre_open: str | None = None, **settings_changes: Any
) -> tuple[MainWindow, AppFlow]:
    settings = UiSettings(
        model_path=str(model_path),
        context_size=CONTEXT,
        clinician_name="Dr Test",
    ).with_changes(**settings_changes)
    save_settings(settings)
    window = MainWindow(services=make_services(model_path, pre_open=pre_open), settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window, AppFlow(window=window)


def unlocked_window(
    qtbot: QtBot, model_path: Path, *, pre_open: str | None = None, **settings_changes: Any
) -> MainWindow:
    window, _flow = make_window(qtbot, model_path, pre_open=pre_open, **settings_changes)
    repo = window.services.gate.create(PASSPHRASE)
    window.unlock_with(repo)
    qtbot.waitUntil(lambda: window.model.info is not None, timeout=60_000)
    return window
