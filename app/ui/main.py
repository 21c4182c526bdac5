"""Qt application start-up."""

from __future__ import annotations

from collections.abc import Sequence


def run(argv: Sequence[str]) -> int:
    from app.netguard import install_network_guard

    install_network_guard()
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(list(argv))
    app.setApplicationName("Enclave Scribe")
    window = QMainWindow()
    window.setWindowTitle("Enclave Scribe")
    window.resize(1200, 800)
    window.show()
    return app.exec()
