"""The background adapter: results, errors and batches arrive on the GUI
thread, deltas are batched to <= 60 updates/s, and cancel stops a job."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.ui.worker import Worker, run_in_background
from engine.errors import EnclaveError


def _gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_callable_result_arrives_on_gui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def job(cancel: threading.Event) -> int:
        seen["job_thread"] = threading.current_thread().name
        return 6 * 7

    def on_finished(value: object) -> None:
        seen["value"] = value
        seen["on_gui"] = QThread.currentThread() is _gui_thread()

    worker = Worker(job, name="answer")
    worker.finished.connect(on_finished)
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.start()
    assert seen["value"] == 42
    assert seen["on_gui"] is True
    assert seen["job_thread"] != threading.main_thread().name


def test_error_is_delivered_not_raised(qtbot) -> None:
    errors: list[BaseException] = []

    def job(cancel: threading.Event) -> None:
        raise EnclaveError("Model file is not readable.")

    worker = Worker(job)
    worker.errored.connect(errors.append)
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.start()
    assert len(errors) == 1
    assert errors[0].user_message == "Model file is not readable."  # type: ignore[attr-defined]


def test_fast_generator_is_batched_in_order(qtbot) -> None:
    batches: list[list[int]] = []
    results: list[object] = []

    def job(cancel: threading.Event) -> Iterator[int]:
        yield from range(20_000)
        return "complete"

    worker = Worker(job, max_rate_hz=60)
    worker.yielded.connect(batches.append)
    worker.finished.connect(results.append)
    started = time.monotonic()
    with qtbot.waitSignal(worker.done, timeout=20_000):
        worker.start()
    elapsed = time.monotonic() - started
    flat = [i for batch in batches for i in batch]
    assert flat == list(range(20_000))
    assert results == ["complete"]
    # 20k items in far fewer deliveries than items, and never above 60/s (+1 final flush).
    assert len(batches) <= 60 * elapsed + 2
    assert len(batches) < 1000


def test_slow_generator_items_are_not_held_back(qtbot) -> None:
    arrivals: list[float] = []
    produced: list[float] = []

    def job(cancel: threading.Event) -> Iterator[int]:
        for i in range(3):
            produced.append(time.monotonic())
            yield i
            time.sleep(0.3)

    worker = Worker(job)
    worker.yielded.connect(lambda batch: arrivals.extend(time.monotonic() for _ in batch))
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.start()
    assert len(arrivals) == 3
    # Each item shows up while the producer is still sleeping before the next one.
    for made, shown in zip(produced, arrivals, strict=True):
        assert shown - made < 0.25


def test_cancel_stops_an_endless_generator(qtbot) -> None:
    closed = threading.Event()
    first_batch = threading.Event()

    def job(cancel: threading.Event) -> Iterator[int]:
        try:
            i = 0
            while True:
                i += 1
                yield i
                time.sleep(0.001)
        finally:
            closed.set()

    worker = Worker(job)
    worker.yielded.connect(lambda _batch: first_batch.set())
    worker.start()
    qtbot.waitUntil(first_batch.is_set, timeout=10_000)
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.cancel()
    assert closed.is_set()
    assert not worker.is_running


def test_cancel_event_reaches_a_polling_callable(qtbot) -> None:
    def job(cancel: threading.Event) -> str:
        while not cancel.wait(0.01):
            pass
        return "stopped"

    results: list[object] = []
    worker = run_in_background(job, on_finished=results.append)
    time.sleep(0.05)
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.cancel()
    assert results == ["stopped"]


@pytest.mark.parametrize("rate", [10.0])
def test_rate_limit_is_configurable(qtbot, rate: float) -> None:
    batches: list[list[int]] = []

    def job(cancel: threading.Event) -> Iterator[int]:
        deadline = time.monotonic() + 0.6
        i = 0
        while time.monotonic() < deadline:
            i += 1
            yield i
            time.sleep(0.0005)

    worker = Worker(job, max_rate_hz=rate)
    worker.yielded.connect(batches.append)
    with qtbot.waitSignal(worker.done, timeout=10_000):
        worker.start()
    assert len(batches) <= rate * 0.6 + 3
