"""Look and feel: Fusion style with the system's light or dark palette.

Qt 6 follows the platform colour scheme by itself; we only pick Fusion
(consistent on every OS) and colours for highlights that read well on both
light and dark backgrounds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def configure_hidpi() -> None:
    """Must run before the QApplication exists."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")


def is_dark(app: QApplication) -> bool:
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def finding_highlight(app: QApplication) -> QColor:
    """Background for an unsupported fact in the draft."""
    return QColor("#7a4a00") if is_dark(app) else QColor("#ffe08a")


def crisis_banner_colors(app: QApplication) -> tuple[QColor, QColor]:
    """(background, text) for the crisis banner."""
    if is_dark(app):
        return QColor("#5c1a1a"), QColor("#ffecec")
    return QColor("#fde2e2"), QColor("#5c0000")
