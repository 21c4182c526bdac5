"""Version history: every generated and edited version of a draft, newest
first, with a preview.  Restoring puts an old text back into the editor,
where autosave records it as a new version (history is never rewritten)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.viewdata import VersionRow


class VersionHistoryDialog(QDialog):
    restore_requested = Signal(str)

    def __init__(self, *, versions: list[VersionRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Version history")
        self.resize(820, 520)
        self.list = QListWidget()
        self.list.setAccessibleName("Versions")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Version text")
        for version in versions:
            item = QListWidgetItem(f"{version.created_at} — {version.origin}")
            item.setData(Qt.ItemDataRole.UserRole, version.text)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            "Restore this version", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setAccessibleName("Restore this version")
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setSizes([260, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._show)
        if versions:
            self.list.setCurrentRow(0)

    def _show(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.preview.setPlainText(str(item.data(Qt.ItemDataRole.UserRole)) if item else "")

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.restore_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()

    def reject(self) -> None:
        self.preview.clear()
        self.list.clear()
        super().reject()
