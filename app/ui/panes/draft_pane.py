"""Everything about the draft: progress, crisis banner, the editor with
source-check highlights, the findings list, the collapsible reasoning pane
and the actions (history, sign, export, copy).

Reasoning text only ever goes to `reasoning`, a separate read-only widget
that starts collapsed; nothing here copies it into the draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.panes.crisis_banner import CrisisBanner
from app.ui.panes.draft_editor import DraftEditor
from app.ui.viewdata import FindingView


class DraftPane(QWidget):
    history_requested = Signal()
    sign_requested = Signal()
    export_requested = Signal()
    copy_requested = Signal()
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.crisis_banner = CrisisBanner()
        self.phase = QLabel("")
        self.phase.setObjectName("draftPhase")
        self.phase.setWordWrap(True)  # the check result carries its advisory sentence
        self.phase.setAccessibleName("Drafting progress")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Drafting progress bar")
        self.progress.setVisible(False)
        self.editor = DraftEditor()
        self.signed_label = QLabel("")
        self.signed_label.setObjectName("signedLabel")
        self.findings_list = QListWidget()
        self.findings_list.setAccessibleName("Source check findings")
        self.findings_list.setVisible(False)
        self.reasoning_toggle = QToolButton()
        self.reasoning_toggle.setText("Model reasoning")
        self.reasoning_toggle.setAccessibleName("Show model reasoning")
        self.reasoning_toggle.setCheckable(True)
        self.reasoning_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.reasoning_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.reasoning = QPlainTextEdit()
        self.reasoning.setReadOnly(True)
        self.reasoning.setAccessibleName("Model reasoning")
        self.reasoning.setVisible(False)
        self.history_button = _button("Versions…", "Version history")
        self.sign_button = _button("Sign…", "Sign off")
        self.export_button = _button("Export…", "Export")
        self.copy_button = _button("Copy", "Copy draft")
        self.check_button = _button("Check against notes", "Check draft against notes")
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.signed_label, 1)
        buttons = (
            self.check_button, self.history_button, self.sign_button,
            self.export_button, self.copy_button,
        )
        for button in buttons:
            actions.addWidget(button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.crisis_banner)
        top_layout.addWidget(self.phase)
        top_layout.addWidget(self.progress)
        top_layout.addWidget(self.editor, 1)
        top_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.findings_list)
        splitter.setStretchFactor(0, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.reasoning_toggle)
        layout.addWidget(self.reasoning)

    def _connect(self) -> None:
        self.reasoning_toggle.toggled.connect(self.set_reasoning_visible)
        self.history_button.clicked.connect(self.history_requested)
        self.sign_button.clicked.connect(self.sign_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.copy_button.clicked.connect(self.copy_requested)
        self.check_button.clicked.connect(self.check_requested)
        self.findings_list.itemActivated.connect(self._on_finding_activated)
        self.findings_list.itemClicked.connect(self._on_finding_activated)

    def set_reasoning_visible(self, visible: bool) -> None:
        self.reasoning.setVisible(visible)
        arrow = Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow
        self.reasoning_toggle.setArrowType(arrow)
        if self.reasoning_toggle.isChecked() != visible:
            self.reasoning_toggle.setChecked(visible)

    def begin_generation(self) -> None:
        self._clear_results()
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.phase.setText("Reading the notes…")
        self.editor.setReadOnly(True)

    def show_prompt_progress(self, *, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.phase.setText(f"Reading the notes: {done:,} of {total:,} tokens")

    def show_generation_progress(self, *, tokens: int, tokens_per_s: float) -> None:
        self.progress.setRange(0, 0)
        rate = f" at {tokens_per_s:,.1f} tokens/s" if tokens_per_s > 0 else ""
        self.phase.setText(f"Writing: {tokens:,} tokens{rate}")

    def end_generation(self, *, summary: str) -> None:
        self.progress.setVisible(False)
        self.phase.setText(summary)
        self.editor.setReadOnly(False)

    def append_draft(self, text: str) -> None:
        self.editor.append_streamed(text)

    def append_reasoning(self, text: str) -> None:
        cursor = self.reasoning.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)

    def show_findings(self, findings: list[FindingView]) -> None:
        self.editor.show_findings(findings)
        self.findings_list.clear()
        text = self.editor.toPlainText()
        for finding in findings:
            quoted = text[finding.start : finding.end]
            item = QListWidgetItem(f"“{quoted}” — {finding.reason}")
            item.setData(Qt.ItemDataRole.UserRole, finding)
            item.setToolTip(finding.reason)
            self.findings_list.addItem(item)
        self.findings_list.setVisible(bool(findings))

    def show_signed(self, *, by: str, at: str) -> None:
        self.signed_label.setText(f"Signed by {by} on {at}" if by else "")
        self.editor.setReadOnly(bool(by))
        self.sign_button.setEnabled(not by)

    def clear(self) -> None:
        self._clear_results()
        self.signed_label.clear()
        self.phase.clear()
        self.progress.setVisible(False)

    def _clear_results(self) -> None:
        """Empty the draft, reasoning, findings and crisis banner."""
        self.editor.clear_findings()
        self.editor.clear()
        self.reasoning.clear()
        self.findings_list.clear()
        self.findings_list.setVisible(False)
        self.crisis_banner.hide_flags()

    def _on_finding_activated(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, FindingView):
            self.editor.select_finding(finding)


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    return button
