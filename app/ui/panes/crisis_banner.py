"""A banner shown when the source or the draft contains risk language.

It never blocks writing: it informs, lists the clinic's configured crisis
resources, and can be dismissed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.settings import CrisisResource
from app.ui.theme import crisis_banner_colors
from app.ui.viewdata import CrisisView


class CrisisBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisBanner")
        self.setAccessibleName("Risk alert")
        self.setAutoFillBackground(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("crisisMessage")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss risk alert")
        self.dismiss.clicked.connect(self.hide_flags)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss)
        self.resources: tuple[CrisisResource, ...] = ()
        self.setVisible(False)
        self._apply_colors()

    def _apply_colors(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        background, text = crisis_banner_colors(app)
        self.setStyleSheet(
            f"#crisisBanner {{ background: {background.name()}; border-radius: 4px; }}"
            f" #crisisBanner QLabel {{ color: {text.name()}; }}"
        )

    def set_resources(self, resources: tuple[CrisisResource, ...]) -> None:
        self.resources = resources

    def show_flags(self, flags: list[CrisisView]) -> None:
        if not flags:
            self.hide_flags()
            return
        found = "; ".join(sorted({f"{f.explanation} (in the {f.where})" for f in flags}))
        contacts = " · ".join(f"{r.label}: {r.contact}" for r in self.resources)
        self.message.setText(f"Possible risk: {found}.\nResources: {contacts}")
        self.setVisible(True)

    def hide_flags(self) -> None:
        self.message.clear()
        self.setVisible(False)
