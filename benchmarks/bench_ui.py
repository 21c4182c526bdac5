"""GUI responsiveness while a draft streams, and launch-to-window time.

1. Event-loop stalls: a 1 ms QTimer records the gap between its ticks while
   the real main window (real store, real writing layer, real engine on the
   tiny gpt-oss model) streams a draft at full speed.  The same timer is run
   for the same time with the window idle, side by side, so the ratio shows
   what drafting costs the GUI.  Goal: p99 < 16 ms, max < 50 ms.  The gaps
   from unlock until the model is loaded and the source check is warm (its
   drug lexicon loads on a worker after unlock) are shown on their own line.
2. Launch-to-window: `python -m app` in a fresh process; seconds from before
   the process starts to the main window being shown.  Goal: < 1.5 s.

Run: PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ENCLAVE_HOME"] = tempfile.mkdtemp(prefix="enclave-bench-")  # never the real profile
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DRAFT_TOKENS = 3000
MIN_STREAM_S = 5.0
MAX_DRAFTS = 40
LAUNCH_RUNS = 3


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class GapRecorder:
    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps_ms: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps_ms.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps_ms)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000.0)
        self._last = now


def summary(gaps: list[float]) -> tuple[float, float, float]:
    return statistics.median(gaps), percentile(gaps, 0.99), max(gaps)


def measure_stalls() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.backend.engine_side import RealEngine
    from app.ui.main_window import MainWindow
    from app.ui.settings import UiSettings
    from engine.runtime.sampling import SamplingOptions
    from tests.fixtures.tiny_model import build_tiny_model
    from tests.ui.window_harness import PASSPHRASE, make_services

    _app = QApplication.instance() or QApplication(sys.argv)
    model = build_tiny_model(Path(tempfile.mkdtemp()) / "tiny.gguf", seed=0)
    services = make_services(model, pre_open="final")  # a long, unbroken stream
    engine = services.engine
    assert isinstance(engine, RealEngine)
    window = MainWindow(
        services=services, settings=UiSettings(model_path=str(model), context_size=8192)
    )
    window.resize(1280, 820)
    window.show()
    repo = services.gate.create(PASSPHRASE)
    recorder = GapRecorder()
    recorder.start()
    started = time.perf_counter()
    window.unlock_with(repo)
    # After unlock the model loads and the source check's lexicon warms up on
    # workers; the first draft waits for both.  Measured, but apart from drafting.
    while window.model.info is None or not window.flow.is_warm:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    ready_s = time.perf_counter() - started
    warming = recorder.stop()
    window.new_note()
    window.source_pane.editor.setPlainText(
        "Pt seen for follow-up. Sleeping better on sertraline 50 mg daily. Mood 6/10."
    )
    loop = QEventLoop()
    window.drafting.finished.connect(lambda _o: loop.quit())
    draft_s, chars, drafts = 0.0, 0, 0
    recorder.start()
    # The random-weight model sometimes samples a stop token early: draft again
    # (new seed) until the stream has run for at least MIN_STREAM_S in total.
    while draft_s < MIN_STREAM_S and drafts < MAX_DRAFTS:
        drafts += 1
        engine.sampling = SamplingOptions(seed=drafts, max_tokens=DRAFT_TOKENS)
        started = time.perf_counter()
        window.flow.start_draft()
        loop.exec()
        draft_s += time.perf_counter() - started
        chars += len(window.draft_pane.editor.toPlainText())
    busy = recorder.stop()
    if not chars:
        raise SystemExit("bench_ui: nothing streamed into the draft; the figures would be void")

    recorder.start()
    QTimer.singleShot(int(draft_s * 1000), loop.quit)
    loop.exec()
    idle = recorder.stop()

    w50, w99, wmax = summary(warming)
    b50, b99, bmax = summary(busy)
    i50, i99, imax = summary(idle)
    print(f"{drafts} drafts of <= {DRAFT_TOKENS} tokens: {chars} characters", end=" ")
    print(f"streamed in {draft_s:.2f} s")
    print("event-loop gap (ms)      p50     p99     max   ticks")
    print(f"  while drafting    {b50:7.2f} {b99:7.2f} {bmax:7.2f} {len(busy):7d}")
    print(f"  idle, same time   {i50:7.2f} {i99:7.2f} {imax:7.2f} {len(idle):7d}")
    print(f"  unlock to ready   {w50:7.2f} {w99:7.2f} {wmax:7.2f} {len(warming):7d}", end=" ")
    print(f"(model load + lexicon warm-up, {ready_s:.2f} s)")
    print(f"  drafting/idle     {b50 / i50:7.2f} {b99 / i99:7.2f} {bmax / imax:7.2f}")
    verdict = "PASS" if b99 < 16 and bmax < 50 else "FAIL"
    print(f"goal p99 < 16 ms and max < 50 ms while drafting: {verdict}")
    window.close()


def measure_launch() -> None:
    times = []
    for _ in range(LAUNCH_RUNS):
        home = tempfile.mkdtemp(prefix="enclave-bench-")
        env = dict(os.environ, ENCLAVE_HOME=home, ENCLAVE_LAUNCH_MARK="1")
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-m", "app"], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        assert process.stdout is not None
        shown = None
        for line in process.stdout:
            if line.startswith("window-shown "):
                shown = float(line.split()[1])
                break
        process.kill()
        process.wait()
        if shown is None:
            raise SystemExit("the app never reported its window as shown")
        times.append(shown - started)
    runs = ", ".join(f"{t:.2f}" for t in times)
    median = statistics.median(times)
    print(f"launch to window shown (s): median {median:.2f} over {LAUNCH_RUNS} runs ({runs})")
    print(f"goal < 1.5 s: {'PASS' if median < 1.5 else 'FAIL'}")


if __name__ == "__main__":
    measure_stalls()
    measure_launch()
