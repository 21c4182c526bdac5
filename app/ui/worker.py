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
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

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

    The job's thread never calls into Qt: PySide6 6.8+ corrupts reference
    counts when signals are emitted from a non-GUI thread (PYSIDE-3124; seen
    here as `bool_dealloc`/`none_dealloc` aborts).  It only appends to a
    locked list; a GUI-thread timer polls that list at most `max_rate_hz`
    times per second, which is also what batches the deltas.
    """

    yielded = Signal(list)
    finished = Signal(object)
    errored = Signal(object)
    done = Signal()

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
        self._cancel = cancel_event if cancel_event is not None else threading.Event()
        self._lock = threading.Lock()
        self._pending: list[Any] = []
        self._outcome: tuple[Any, BaseException | None] | None = None
        self._thread: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setTimerType(Qt.TimerType.PreciseTimer)
        self._poll.setInterval(max(1, round(1000.0 / max_rate_hz)))
        self._poll.timeout.connect(self._on_poll)
        self.is_running = False

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def start(self) -> Worker:
        _live_workers.add(self)
        self.is_running = True
        self._thread = threading.Thread(target=self._run, name=f"worker-{self._name}", daemon=True)
        self._thread.start()
        self._poll.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the thread ends (for shutdown); True when it did."""
        if self._thread is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    # -- worker thread: plain Python only ---------------------------------------

    def _run(self) -> None:
        try:
            result = self._job(self._cancel)
            if inspect.isgenerator(result):
                result = self._drain(cast(Generator[Any, None, Any], result))
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            outcome: tuple[Any, BaseException | None] = (None, exc)
        else:
            outcome = (result, None)
        with self._lock:
            self._outcome = outcome

    def _drain(self, generator: Generator[Any, None, Any]) -> Any:
        try:
            while not self._cancel.is_set():
                item = next(generator)
                with self._lock:
                    self._pending.append(item)
        except StopIteration as stop:
            return stop.value
        generator.close()
        return None

    # -- GUI thread ----------------------------------------------------------------

    @Slot()
    def _on_poll(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, []
            outcome = self._outcome
        if batch:
            self.yielded.emit(batch)
        if outcome is not None:
            self._finish(*outcome)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self._poll.stop()
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
