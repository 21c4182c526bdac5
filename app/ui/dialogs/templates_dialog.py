"""Template manager: duplicate a bundled template and edit the copy.

Bundled templates are read-only (they are versioned assets); a clinician's
copies live in the encrypted store.  Copies are edited as the template's own
JSON, validated by the writing layer before saving, so a broken edit is
refused with a message instead of breaking drafting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import report_error

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class TemplatesDialog(QDialog):
    def __init__(self, *, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("Templates")
        self.resize(860, 560)
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Template definition")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.duplicate_button = QPushButton("Duplicate…")
        self.duplicate_button.setAccessibleName("Duplicate template")
        self.save_button = QPushButton("Save changes")
        self.save_button.setAccessibleName("Save template")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.duplicate_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(self.editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._show_current)
        self.duplicate_button.clicked.connect(self._ask_duplicate)
        self.save_button.clicked.connect(self.save_current)
        self.reload()

    def reload(self, *, select_id: str = "") -> None:
        self.list.clear()
        for choice in self.window_.actions_.templates:
            label = f"{choice.name} (custom)" if choice.custom else choice.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, choice.template_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, choice.custom)
            self.list.addItem(item)
            if choice.template_id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def current_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _is_custom(self) -> bool:
        item = self.list.currentItem()
        return bool(item.data(Qt.ItemDataRole.UserRole + 1)) if item else False

    def _custom_json(self) -> list[str]:
        repo = self.window_.notes.repo
        return repo.custom_templates_json() if repo is not None else []

    def _show_current(self) -> None:
        template_id = self.current_id()
        writing = self.window_.services.writing
        text = writing.template_json(template_id, self._custom_json()) if template_id else ""
        self.editor.setPlainText(text)
        self.editor.setReadOnly(not self._is_custom())
        self.save_button.setEnabled(self._is_custom())
        self.message.setText("" if self._is_custom() else "Bundled templates are read-only.")

    def _ask_duplicate(self) -> None:
        name, ok = QInputDialog.getText(self, "Duplicate template", "Name of your copy:")
        if ok and name.strip():
            self.duplicate(new_name=name.strip())

    def duplicate(self, *, new_name: str) -> str:
        writing = self.window_.services.writing
        repo = self.window_.notes.repo
        try:
            new_id, text = writing.duplicate_template(
                self.current_id(), new_name=new_name, custom_json=self._custom_json()
            )
            assert repo is not None
            repo.save_custom_template_json(new_id, text)
        except Exception as exc:
            self.message.setText(report_error(exc))
            return ""
        self.window_.actions_.refresh_templates()
        self.reload(select_id=new_id)
        return new_id

    def save_current(self) -> bool:
        if not self._is_custom():
            return False
        writing = self.window_.services.writing
        repo = self.window_.notes.repo
        text = self.editor.toPlainText()
        try:
            template_id = writing.validate_template_json(text)
            if template_id != self.current_id():
                self.message.setText("The template's id cannot be changed.")
                return False
            assert repo is not None
            repo.save_custom_template_json(template_id, text)
        except Exception as exc:
            self.message.setText(report_error(exc))
            return False
        self.window_.actions_.refresh_templates()
        self.message.setText("Saved.")
        return True
