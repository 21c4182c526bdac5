"""Source notes, document type, reasoning effort and the Draft/Stop buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.viewdata import TemplateChoice

EFFORT_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
EFFORT_HINTS = {
    "low": "Low: quickest draft; fine for short, simple notes, may miss nuance.",
    "medium": "Medium: balanced speed and care; a good default.",
    "high": "High: most careful with long or complex notes, but noticeably slower.",
}


class SourcePane(QWidget):
    draft_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setAccessibleName("Note title")
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Document type")
        self.effort_box = QComboBox()
        self.effort_box.setAccessibleName("Reasoning effort")
        for key, label in EFFORT_LABELS.items():
            self.effort_box.addItem(label, key)
        self.effort_hint = QLabel("")
        self.effort_hint.setObjectName("effortHint")
        self.effort_hint.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Source notes")
        self.editor.setPlaceholderText("Type or paste your session notes here.")
        self.token_meter = QLabel("")
        self.token_meter.setObjectName("tokenMeter")
        self.token_meter.setAccessibleName("Token meter")
        self.draft_button = QPushButton("Draft  (Ctrl+Enter)")
        self.draft_button.setAccessibleName("Draft")
        self.stop_button = QPushButton("Stop  (Esc)")
        self.stop_button.setAccessibleName("Stop")
        self.stop_button.setEnabled(False)
        self._build_layout()
        self.effort_box.currentIndexChanged.connect(self._refresh_hint)
        self.draft_button.clicked.connect(self.draft_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self._refresh_hint()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Document type", self.template_box)
        form.addRow("Reasoning effort", self.effort_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.token_meter, 1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.effort_hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

    def set_templates(self, choices: list[TemplateChoice], *, selected_id: str = "") -> None:
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for choice in choices:
            suffix = " (custom)" if choice.custom else ""
            self.template_box.addItem(choice.name + suffix, choice.template_id)
        self.template_box.blockSignals(False)
        self.select_template(selected_id)

    def select_template(self, template_id: str) -> None:
        index = self.template_box.findData(template_id)
        if index >= 0:
            self.template_box.setCurrentIndex(index)

    def template_id(self) -> str:
        return str(self.template_box.currentData() or "")

    def effort(self) -> str:
        return str(self.effort_box.currentData())

    def set_effort(self, effort: str) -> None:
        index = self.effort_box.findData(effort)
        self.effort_box.setCurrentIndex(max(0, index))

    def set_generating(self, generating: bool) -> None:
        self.draft_button.setEnabled(not generating)
        self.stop_button.setEnabled(generating)
        self.editor.setReadOnly(generating)
        self.template_box.setEnabled(not generating)

    def set_token_count(self, *, tokens: int, context: int) -> None:
        over = tokens > context
        text = f"{tokens:,} / {context:,} tokens"
        self.token_meter.setText(text + ("  — too long for the context" if over else ""))
        self.token_meter.setProperty("over", over)

    def _refresh_hint(self) -> None:
        self.effort_hint.setText(EFFORT_HINTS[self.effort()])

    def clear(self) -> None:
        self.title.clear()
        self.editor.clear()
        self.token_meter.clear()
