"""Unlock the note store at start-up and after an auto-lock.

Key derivation (PBKDF2, 256,000 iterations) takes a noticeable moment, so the
unlock runs on a worker; the dialog stays responsive and shows a wrong
passphrase as a message under the field, without closing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import report_error
from app.ui.worker import Worker

UnlockFn = Callable[[str], Any]


class UnlockDialog(QDialog):
    """Asks for the passphrase; `unlocked(handle)` carries what `unlock_fn` returned."""

    unlocked = Signal(object)

    def __init__(self, *, unlock_fn: UnlockFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unlock_fn = unlock_fn
        self._worker: Worker | None = None
        self.result_handle: Any = None
        self.setWindowTitle("Unlock Enclave Scribe")
        self.setObjectName("unlockDialog")
        self.setMinimumWidth(460)
        self._build()

    def _build(self) -> None:
        intro = QLabel("Enter your passphrase to open your notes.")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.message = QLabel("")
        self.message.setObjectName("unlockMessage")
        self.message.setAccessibleName("Unlock status")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.unlock_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText("Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.passphrase, self.message, self.buttons):
            layout.addWidget(widget)
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        if self._worker is not None and self._worker.is_running:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText("Please enter your passphrase.")
            return
        self._set_busy(True)
        self.message.setText("Unlocking…")
        self._worker = Worker(lambda _cancel: self._unlock_fn(passphrase), name="unlock")
        self._worker.finished.connect(self._on_unlocked)
        self._worker.errored.connect(self._on_failed)
        self._worker.start()

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _on_unlocked(self, handle: Any) -> None:
        self.result_handle = handle
        self.passphrase.clear()
        self.message.setText("")
        self._set_busy(False)
        self.unlocked.emit(handle)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(report_error(exc))
        self.adjustSize()
        self.passphrase.selectAll()
        self._set_busy(False)
        self.passphrase.setFocus()
