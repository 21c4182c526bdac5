"""First run and unlock through the real dialogs: the passphrase rules and
warning, the model check (validation, SHA-256, plan in words), store
creation, and a wrong passphrase answered with a clear message."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QWizard

from app.store import WrongPassphraseError
from app.ui.dialogs.first_run import UNRECOVERABLE_WARNING, FirstRunWizard
from app.ui.dialogs.unlock import UnlockDialog
from app.ui.settings import load_settings, store_path
from tests.ui.window_harness import PASSPHRASE, make_window


def test_first_run_creates_store_and_checks_model(qtbot, tiny_model_path: Path) -> None:
    window, flow = make_window(qtbot, tiny_model_path)
    window.settings = window.settings.with_changes(model_path="")
    assert window.is_locked and window.stack.currentWidget() is window.lock_screen
    flow.begin()
    wizard = flow.dialog
    assert isinstance(wizard, FirstRunWizard)
    page = wizard.passphrase_page
    warning = wizard.findChild(type(page.problem), "unrecoverableWarning")
    assert UNRECOVERABLE_WARNING in warning.text() and "cannot be recovered" in warning.text()
    page.passphrase.setText(PASSPHRASE)
    page.confirmation.setText(PASSPHRASE + "x")
    page.acknowledged.setChecked(True)
    assert not page.isComplete() and "do not match" in page.problem.text()
    page.confirmation.setText(PASSPHRASE)
    page.acknowledged.setChecked(False)
    assert not page.isComplete()
    page.acknowledged.setChecked(True)
    assert page.isComplete()
    wizard.next()
    model_page = wizard.model_page
    assert not model_page.isComplete()
    model_page.path_field.setText(str(tiny_model_path))
    model_page.check_button.click()
    qtbot.waitUntil(lambda: model_page.report is not None, timeout=60_000)
    report = model_page.report
    assert report.sha256 == hashlib.sha256(tiny_model_path.read_bytes()).hexdigest()
    assert model_page.progress.value() == 1000
    assert report.plan_kind == "CPU" and "How it will run: CPU" in model_page.result_label.text()
    with qtbot.waitSignal(wizard.completed, timeout=60_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not window.is_locked
    saved = load_settings()
    assert saved.model_path == str(tiny_model_path) and saved.model_sha256 == report.sha256
    assert store_path().exists() or window.services.gate.exists()
    qtbot.waitUntil(lambda: window.model.info is not None, timeout=60_000)
    assert "Plan: CPU" in window.status.plan.text()


def test_model_check_rejects_a_file_that_is_not_gguf(qtbot, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_bytes(b"definitely not a model" * 100)
    _window, flow = make_window(qtbot, bogus)
    flow.first_run()
    wizard = flow.dialog
    wizard.model_page.path_field.setText(str(bogus))
    wizard.model_page.start_check()
    qtbot.waitUntil(lambda: "GGUF" in wizard.model_page.result_label.text(), timeout=30_000)
    assert wizard.model_page.report is None and not wizard.model_page.isComplete()


def test_wrong_passphrase_then_unlock(qtbot, tiny_model_path: Path) -> None:
    window, flow = make_window(qtbot, tiny_model_path)
    window.services.gate.create(PASSPHRASE).lock()
    flow.begin()
    dialog = flow.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.passphrase.setText("not the passphrase")
    dialog.unlock_button.click()
    qtbot.waitUntil(
        lambda: dialog.message.text() == WrongPassphraseError.user_message, timeout=60_000
    )
    assert dialog.isVisible() and window.is_locked
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked, timeout=60_000):
        dialog.unlock_button.click()
    assert not window.is_locked
    assert window.stack.currentWidget() is window.workspace
    assert dialog.passphrase.text() == ""


def test_first_run_offers_the_model_path_it_preconfigured(
    qtbot, tiny_model_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("ENCLAVE_MODEL_PATH", str(tiny_model_path))
    window, flow = make_window(qtbot, tiny_model_path)
    window.settings = window.settings.with_changes(model_path="")
    flow.first_run()
    assert flow.dialog.model_page.path_field.text() == str(tiny_model_path)
