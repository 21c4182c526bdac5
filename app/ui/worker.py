"""The one way the UI runs work off the GUI thread.

Loading a model, hashing 12 GB, unlocking a store (PBKDF2) and streaming a
draft must never freeze the window.  Every such job is a plain Python callable
with no Qt in it; `Worker` runs it on its own thread and reports back through
Qt signals, which Qt delivers on the GUI thread.  The worker never touches a
widget.

A job may return a value or a generator.  Items a generator yields are
gathered and handed over in batches at most `max_rate_hz` times per second,
so a model producing thousands of tokens per second costs the GUI a bounded
number of repaints.  `cancel()` sets a `threading.Event` the job may poll (or
pass to the engine — which may supply its own Event subclass that llama.cpp
also sees); for generators the worker also stops pulling items and
closes the generator.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

Job = Callable[[threading.Event], Any]

_live_workers: set[Worker] = set()


class Worker(QObject):
    """Runs one job on a background thread; signals arrive on the GUI thread.

    Signals:
        yielded(list): a batch of items the job's generator yielded, in order.
        finished(object): the job's return value (a generator's return value).
        errored(object): the exception the job raised.
        done(): after finished or errored, always last.
    """

    yielded = Signal(list)
    finished = Signal(object)
    errored = Signal(object)
    done = Signal()
    _wake = Signal()
    _ended = Signal(object, object)

    def __init__(
        self,
        job: Job,
        *,
        max_rate_hz: float = 60.0,
        name: str = "job",
        cancel_event: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self._job = job
        self._name = name
        self._min_interval_s = 1.0 / max_rate_hz
        self._cancel = cancel_event if cancel_event is not None else threading.Event()
        self._lock = threading.Lock()
        self._pending: list[Any] = []
        self._wake_sent = False
        self._last_flush = 0.0
        self._thread: threading.Thread | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        self._wake.connect(self._on_wake)
        self._ended.connect(self._on_ended)
        self.is_running = False

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def start(self) -> Worker:
        _live_workers.add(self)
        self.is_running = True
        self._thread = threading.Thread(target=self._run, name=f"worker-{self._name}", daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the thread ends (for shutdown); True when it did."""
        if self._thread is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    # -- worker thread -------------------------------------------------------

    def _run(self) -> None:
        try:
            result = self._job(self._cancel)
            if inspect.isgenerator(result):
                result = self._drain(result)
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self._ended.emit(None, exc)
            return
        self._ended.emit(result, None)

    def _drain(self, generator: Generator[Any, None, Any]) -> Any:
        try:
            while not self._cancel.is_set():
                self._push(next(generator))
        except StopIteration as stop:
            return stop.value
        generator.close()
        return None

    def _push(self, item: Any) -> None:
        with self._lock:
            self._pending.append(item)
            if self._wake_sent:
                return
            self._wake_sent = True
        self._wake.emit()

    # -- GUI thread ----------------------------------------------------------

    @Slot()
    def _on_wake(self) -> None:
        wait_s = self._min_interval_s - (time.monotonic() - self._last_flush)
        if wait_s <= 0:
            self._flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start(max(1, int(wait_s * 1000)))

    @Slot()
    def _flush(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, []
            self._wake_sent = False
        if batch:
            self._last_flush = time.monotonic()
            self.yielded.emit(batch)

    @Slot(object, object)
    def _on_ended(self, result: Any, error: BaseException | None) -> None:
        self._flush_timer.stop()
        self._flush()
        self.is_running = False
        try:
            if error is None:
                self.finished.emit(result)
            else:
                self.errored.emit(error)
        finally:
            self.done.emit()
            _live_workers.discard(self)


def run_in_background(
    job: Job,
    *,
    on_yielded: Callable[[list[Any]], None] | None = None,
    on_finished: Callable[[Any], None] | None = None,
    on_errored: Callable[[BaseException], None] | None = None,
    name: str = "job",
    max_rate_hz: float = 60.0,
) -> Worker:
    """Start `job(cancel_event)` on a background thread and wire the callbacks."""
    worker = Worker(job, max_rate_hz=max_rate_hz, name=name)
    if on_yielded is not None:
        worker.yielded.connect(on_yielded)
    if on_finished is not None:
        worker.finished.connect(on_finished)
    if on_errored is not None:
        worker.errored.connect(on_errored)
    return worker.start()


def cancel_all_workers(*, timeout_s: float = 3.0) -> None:
    """At quit: ask every running job to stop and give each a moment to end."""
    workers = list(_live_workers)
    for worker in workers:
        worker.cancel()
    deadline = time.monotonic() + timeout_s
    for worker in workers:
        if not worker.wait(max(0.0, deadline - time.monotonic())):
            log.warning("worker %s did not stop within %.1f s", worker._name, timeout_s)
