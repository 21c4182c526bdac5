"""Loading the model in the background, once, and remembering how it runs.

Loading gpt-oss-20b takes seconds to minutes; it starts right after unlock so
the first Draft rarely waits.  A Draft pressed while loading is queued.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, Signal

from app.ui.backend.protocols import EngineService, LoadedModelInfo, LoadProgress
from app.ui.settings import UiSettings
from app.ui.worker import Worker


class ModelController(QObject):
    progress = Signal(float)
    loaded = Signal(object)  # LoadedModelInfo
    failed = Signal(object)

    def __init__(self, *, engine: EngineService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.info: LoadedModelInfo | None = None
        self._worker: Worker | None = None
        self._waiting: list[Callable[[], None]] = []

    @property
    def is_loading(self) -> bool:
        return self._worker is not None and self._worker.is_running

    def load(self, settings: UiSettings) -> None:
        if self.is_loading or not settings.model_path:
            return
        self.engine.prepare()
        manual = settings.manual_cpu_moe_layers if settings.offload_mode == "manual" else None
        engine = self.engine

        def job(cancel: threading.Event) -> Generator[LoadProgress, None, LoadedModelInfo]:
            return engine.load(
                path=settings.model_path,
                context_size=settings.context_size,
                cpu_moe_layers=manual,
                cancel=cancel,
            )

        self._worker = Worker(job, name="model-load")
        self._worker.yielded.connect(self._on_progress)
        self._worker.finished.connect(self._on_loaded)
        self._worker.errored.connect(self._on_failed)
        self._worker.start()

    def when_loaded(self, action: Callable[[], None], settings: UiSettings) -> None:
        """Run `action` now if the model is loaded, else after loading."""
        if self.info is not None and self.engine.is_loaded():
            action()
            return
        self._waiting.append(action)
        self.load(settings)

    def unload(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        self._waiting.clear()
        self.info = None
        self.engine.unload()

    def _on_progress(self, batch: list[LoadProgress]) -> None:
        self.progress.emit(batch[-1].fraction)

    def _on_loaded(self, info: LoadedModelInfo | None) -> None:
        if info is None:
            self._waiting.clear()
            return
        self.info = info
        self.loaded.emit(info)
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def _on_failed(self, exc: BaseException) -> None:
        self._waiting.clear()
        self.failed.emit(exc)
