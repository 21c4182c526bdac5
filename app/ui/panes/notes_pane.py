"""Notes list with search.  Search is debounced so typing never stalls the
UI; the query itself is never stored outside the encrypted file."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.viewdata import NoteRow

SEARCH_DEBOUNCE_MS = 250


class NotesPane(QWidget):
    note_selected = Signal(int)
    new_note_requested = Signal()
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search notes")
        self.search.setAccessibleName("Search notes")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Notes")
        self.new_button = QPushButton("New note")
        self.new_button.setAccessibleName("New note")
        self.new_button.setShortcut("Ctrl+N")
        self.empty_label = QLabel("No notes yet.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.new_button.clicked.connect(self.new_note_requested)
        self.list.currentItemChanged.connect(self._on_current_changed)

    def show_notes(self, rows: list[NoteRow], *, select_id: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            mark = "✓ " if row.signed else ""
            item = QListWidgetItem(f"{mark}{row.title}\n{row.template_name}")
            item.setData(Qt.ItemDataRole.UserRole, row.note_id)
            self.list.addItem(item)
            if row.note_id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_label.setVisible(not rows)

    def note_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def clear(self) -> None:
        self.list.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    def _on_current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        if current is not None:
            self.note_selected.emit(int(current.data(Qt.ItemDataRole.UserRole)))
