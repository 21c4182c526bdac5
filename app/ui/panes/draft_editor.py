"""The draft editor: streamed text, unsupported facts highlighted with their
reasons as tooltips.

Highlights are extra selections (not edits to the document), so the draft's
text stays exactly what the model and the clinician wrote.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from app.ui.theme import finding_highlight
from app.ui.viewdata import FindingView


class DraftEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Draft")
        self.setPlaceholderText("The draft appears here.")
        self.findings: list[FindingView] = []
        self.viewport().installEventFilter(self)

    def append_streamed(self, text: str) -> None:
        """Add streamed text at the end without moving the user's view."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def show_findings(self, findings: list[FindingView]) -> None:
        self.findings = list(findings)
        app = QApplication.instance()
        fmt = QTextCharFormat()
        if isinstance(app, QApplication):
            fmt.setBackground(finding_highlight(app))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        selections = []
        length = self.document().characterCount() - 1
        for finding in self.findings:
            if finding.start >= length:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(min(finding.end, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def clear_findings(self) -> None:
        self.findings = []
        self.setExtraSelections([])

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        return [
            (sel.cursor.selectionStart(), sel.cursor.selectionEnd())
            for sel in self.extraSelections()
        ]

    def finding_at(self, position: int) -> FindingView | None:
        for finding in self.findings:
            if finding.start <= position < finding.end:
                return finding
        return None

    def select_finding(self, finding: FindingView) -> None:
        cursor = self.textCursor()
        cursor.setPosition(finding.start)
        cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            position = self.cursorForPosition(event.pos()).position()
            finding = self.finding_at(position)
            if finding is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), finding.reason, self.viewport())
            return True
        return super().eventFilter(watched, event)
