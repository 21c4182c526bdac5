"""First run: create the passphrase, then choose and check the model file.

The passphrase cannot be recovered (it is the encryption key's only source),
so the page says so and asks for it twice plus an explicit acknowledgement.
The model check (validation, SHA-256 of ~12 GB, offload plan) runs on a
worker with a progress bar and Cancel; Finish creates the store, also off
the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.errors import report_error
from app.ui.model_report import HashProgress, ModelReport
from app.ui.worker import Worker

MIN_PASSPHRASE_LENGTH = 8
UNRECOVERABLE_WARNING = (
    "Your passphrase encrypts every note on this computer. It cannot be recovered: "
    "if you forget it, your notes are lost. Write it down and keep it somewhere safe."
)

CheckModelFn = Callable[[str, threading.Event], Generator[HashProgress, None, ModelReport]]
CreateStoreFn = Callable[[str], Any]


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Create your passphrase")
        warning = QLabel(UNRECOVERABLE_WARNING)
        warning.setWordWrap(True)
        warning.setObjectName("unrecoverableWarning")
        self.passphrase = _password_field("New passphrase")
        self.confirmation = _password_field("Repeat passphrase")
        self.acknowledged = QCheckBox("I understand the passphrase cannot be recovered")
        self.acknowledged.setAccessibleName("I understand the passphrase cannot be recovered")
        self.problem = QLabel("")
        self.problem.setObjectName("passphraseProblem")
        form = QFormLayout()
        form.addRow("Passphrase", self.passphrase)
        form.addRow("Repeat", self.confirmation)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.acknowledged)
        layout.addWidget(self.problem)
        for signal in (self.passphrase.textChanged, self.confirmation.textChanged):
            signal.connect(self._refresh)
        self.acknowledged.toggled.connect(self._refresh)

    def problem_text(self) -> str:
        first, second = self.passphrase.text(), self.confirmation.text()
        if len(first) < MIN_PASSPHRASE_LENGTH:
            return f"Use at least {MIN_PASSPHRASE_LENGTH} characters."
        if first != second:
            return "The two passphrases do not match."
        if not self.acknowledged.isChecked():
            return "Please confirm you understand it cannot be recovered."
        return ""

    def _refresh(self) -> None:
        self.problem.setText(self.problem_text() if self.passphrase.text() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.problem_text() == ""


class ModelPage(QWizardPage):
    def __init__(self, *, check_model_fn: CheckModelFn, initial_path: str = "") -> None:
        super().__init__()
        self._check_model_fn = check_model_fn
        self._worker: Worker | None = None
        self.report: ModelReport | None = None
        self.setTitle("Choose the gpt-oss-20b model file")
        self.setSubTitle("The model runs entirely on this computer. Choose its .gguf file.")
        self.path_field = QLineEdit(initial_path)
        self.path_field.setAccessibleName("Model file path")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Browse for model file")
        browse.clicked.connect(self._browse)
        self.check_button = QPushButton("Check model")
        self.check_button.setAccessibleName("Check model")
        self.check_button.clicked.connect(self.start_check)
        self.cancel_button = QPushButton("Cancel check")
        self.cancel_button.setAccessibleName("Cancel check")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_check)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Model check progress")
        self.result_label = QLabel("")
        self.result_label.setObjectName("modelCheckResult")
        self.result_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_field, 1)
        row.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        self.path_field.textChanged.connect(self._forget_report)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Model file", "", "GGUF model (*.gguf)")
        if chosen:
            self.path_field.setText(chosen)

    def _forget_report(self) -> None:
        self.report = None
        self.completeChanged.emit()

    def start_check(self) -> None:
        path = self.path_field.text().strip()
        if not path or (self._worker is not None and self._worker.is_running):
            return
        self.report = None
        self.progress.setValue(0)
        self.result_label.setText("Checking the model file…")
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._worker = Worker(lambda cancel: self._check_model_fn(path, cancel), name="model-check")
        self._worker.yielded.connect(self._on_progress)
        self._worker.finished.connect(self._on_checked)
        self._worker.errored.connect(self._on_failed)
        self._worker.done.connect(self._on_done)
        self._worker.start()

    def cancel_check(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _on_progress(self, batch: list[HashProgress]) -> None:
        self.progress.setValue(int(batch[-1].fraction * 1000))

    def _on_checked(self, report: ModelReport | None) -> None:
        if report is None:
            self.result_label.setText("Check cancelled.")
            return
        self.report = report
        self.progress.setValue(1000)
        self.result_label.setText(describe_report(report))
        self.completeChanged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.result_label.setText(report_error(exc))

    def _on_done(self) -> None:
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def isComplete(self) -> bool:
        return self.report is not None


def describe_report(report: ModelReport) -> str:
    return (
        f"Model OK: {report.summary}.\n"
        f"SHA-256: {report.sha256}\n"
        f"How it will run: {report.plan_kind} — {report.plan_reason}"
    )


class FirstRunWizard(QWizard):
    """Emits `completed(handle, report)` once the store exists."""

    completed = Signal(object, object)

    def __init__(
        self,
        *,
        check_model_fn: CheckModelFn,
        create_store_fn: CreateStoreFn,
        initial_model_path: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Enclave Scribe")
        self.setObjectName("firstRunWizard")
        self._create_store_fn = create_store_fn
        self._worker: Worker | None = None
        self.store_handle: Any = None
        self.passphrase_page = PassphrasePage()
        self.model_page = ModelPage(check_model_fn=check_model_fn, initial_path=initial_model_path)
        self.addPage(self.passphrase_page)
        self.addPage(self.model_page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)

    def accept(self) -> None:
        if self.store_handle is not None:
            super().accept()
            return
        if self._worker is not None and self._worker.is_running:
            return
        passphrase = self.passphrase_page.passphrase.text()
        self.model_page.result_label.setText("Creating your encrypted note store…")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self._worker = Worker(lambda _c: self._create_store_fn(passphrase), name="create-store")
        self._worker.finished.connect(self._on_created)
        self._worker.errored.connect(self._on_create_failed)
        self._worker.start()

    def _on_created(self, handle: Any) -> None:
        self.store_handle = handle
        self.passphrase_page.passphrase.clear()
        self.passphrase_page.confirmation.clear()
        self.completed.emit(handle, self.model_page.report)
        super().accept()

    def _on_create_failed(self, exc: BaseException) -> None:
        self.model_page.result_label.setText(report_error(exc))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field
