"""Auto-lock after a configurable time without keyboard or mouse input.

An application-wide event filter notes the time of the last user input; a
coarse timer compares it with the limit.  When it fires, `idle` is emitted and
the main window hides every piece of patient text and locks the store.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(
        self, *, limit_s: float, check_interval_ms: int = 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._limit_s = limit_s
        self._last_input = time.monotonic()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_limit(self, *, limit_s: float) -> None:
        self._limit_s = limit_s

    def arm(self) -> None:
        """Start watching (after an unlock)."""
        self._last_input = time.monotonic()
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()

    def note_activity(self) -> None:
        self._last_input = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        quiet_s = time.monotonic() - self._last_input
        if self._armed and self._limit_s > 0 and quiet_s >= self._limit_s:
            self.disarm()
            self.idle.emit()
