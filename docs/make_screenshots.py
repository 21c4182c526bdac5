"""Screenshots of the real app for the README, taken under Xvfb.

The main window mid-draft (the tiny random-weight test model streaming, so
the draft text is gibberish by design), the unlock dialog and the settings
dialog.  Everything runs against a throw-away ENCLAVE_HOME.

Run: xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb PYTHONPATH=. \
     .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))
os.environ["ENCLAVE_HOME"] = tempfile.mkdtemp(prefix="enclave-shots-")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

SOURCE_NOTES = (
    "Session 6, 50 min. Client reports sleeping better since starting sertraline 50 mg "
    "daily four weeks ago; mood 6/10 (was 4/10). Denies SI/HI. Practised thought records "
    "for work-related worry; completed 4 of 5 homework entries. Plan: continue CBT "
    "weekly, review medication with GP in 2 weeks."
)


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, *, timeout_ms: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not condition() and waited < timeout_ms:
        wait(20)
        waited += 20


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.dialogs.settings_dialog import SettingsDialog
    from app.ui.dialogs.unlock import UnlockDialog
    from app.ui.main_window import MainWindow
    from app.ui.settings import UiSettings
    from app.ui.theme import apply_theme, configure_hidpi
    from engine.runtime.sampling import SamplingOptions
    from tests.fixtures.tiny_model import build_tiny_model
    from tests.ui.window_harness import PASSPHRASE, make_services

    configure_hidpi()
    app = QApplication(sys.argv)
    apply_theme(app)
    OUT.mkdir(parents=True, exist_ok=True)
    model = build_tiny_model(Path(tempfile.mkdtemp()) / "gpt-oss-20b-tiny-test.gguf", seed=0)
    services = make_services(model)
    settings = UiSettings(
        model_path=str(model), context_size=8192, clinician_name="Dr A. Rivera",
        default_template_id="session-summary",
    )
    window = MainWindow(services=services, settings=settings)
    window.resize(1400, 860)
    window.show()

    window.show_locked()
    unlock = UnlockDialog(unlock_fn=services.gate.unlock, parent=window)
    unlock.show()
    unlock.passphrase.setText("wrong passphrase")
    services.gate.create(PASSPHRASE).lock()
    unlock.try_unlock()
    wait_for(lambda: "not correct" in unlock.message.text())
    wait(300)
    unlock.grab().save(str(OUT / "unlock.png"))
    unlock.close()

    window.unlock_with(services.gate.unlock(PASSPHRASE))
    wait_for(lambda: window.model.info is not None)
    for title in ("Intake assessment", "Discharge summary — ward 4"):
        window.new_note()
        window.source_pane.title.setText(title)
        window.notes.title_edited(title)
        window.notes.flush()
    window.new_note()
    window.source_pane.title.setText("Session 6 — CBT follow-up")
    window.notes.title_edited("Session 6 — CBT follow-up")
    window.notes.flush()
    window.source_pane.editor.setPlainText(SOURCE_NOTES)
    services.engine.channel = "final"
    for seed in range(40):
        services.engine.sampling = SamplingOptions(seed=seed, max_tokens=20_000)
        window.flow.start_draft()
        wait_for(lambda: len(window.draft_pane.editor.toPlainText()) > 400
                 or not window.drafting.is_running)
        if window.drafting.is_running:
            window.grab().save(str(OUT / "main-window-drafting.png"))
            window.flow.stop_draft()
            wait_for(lambda: not window.drafting.is_running)
            break

    dialog = SettingsDialog(
        settings=window.settings, templates=window.actions_.templates, parent=window
    )
    dialog.show()
    wait(300)
    dialog.grab().save(str(OUT / "settings.png"))
    dialog.close()
    window.close()
    for name in ("main-window-drafting.png", "unlock.png", "settings.png"):
        print(OUT / name)


if __name__ == "__main__":
    main()
