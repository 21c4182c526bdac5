"""Live token count of the source notes, off the GUI thread.

Counting a long record takes a moment, so keystrokes restart a short timer;
when it fires the count runs on a worker.  A count that finishes after a newer
one was requested is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from app.ui.worker import Worker

CountFn = Callable[[str], int]
DEBOUNCE_MS = 300


class TokenMeter(QObject):
    counted = Signal(int)

    def __init__(
        self, *, count_fn: CountFn | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._count_fn = count_fn
        self._text = ""
        self._generation = 0
        self._workers: list[Worker] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._count_now)

    def set_count_fn(self, count_fn: CountFn | None) -> None:
        self._count_fn = count_fn
        self._timer.start()

    def text_changed(self, text: str) -> None:
        self._text = text
        self._timer.start()

    def _count_now(self) -> None:
        if self._count_fn is None:
            return
        self._generation += 1
        generation, text, count_fn = self._generation, self._text, self._count_fn
        worker = Worker(lambda _c: count_fn(text), name="token-count")
        worker.finished.connect(lambda count: self._deliver(generation, count))
        worker.done.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        worker.start()

    def _deliver(self, generation: int, count: int) -> None:
        if isValid(self) and generation == self._generation:
            self.counted.emit(int(count))
