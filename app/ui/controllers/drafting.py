"""One draft at a time: runs the engine's generation iterator on a worker
and turns its events into signals for the views.

Analysis (reasoning) and final (draft) text travel on different signals, so
no view can mix them up.  Stop sets the cancel flag the engine polls (also
during prompt evaluation).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.ui.worker import Worker
from engine.runtime.events import (
    AnalysisDelta,
    Done,
    FinalDelta,
    FinishReason,
    GenerationStats,
    PromptProgress,
)

GenerateFn = Callable[[threading.Event], Iterator[Any]]


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _displayable(text: str) -> str:
    """Drop control characters (other than tab and newlines) a model may emit:
    they cannot be shown, SQLite text drops NUL and XML (DOCX, FHIR) refuses
    them, so the editor, the saved version and every export stay identical."""
    return _CONTROL_CHARS.sub("", text)


@dataclass(frozen=True)
class DraftOutcome:
    final_text: str
    finish_reason: FinishReason
    stats: GenerationStats | None


class DraftController(QObject):
    started = Signal()
    prompt_progress = Signal(int, int)
    reasoning_text = Signal(str)
    draft_text = Signal(str)
    generation_progress = Signal(int, float)  # tokens so far, tokens/s
    finished = Signal(object)  # DraftOutcome
    failed = Signal(object)  # exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self._final_parts: list[str] = []
        self._reasoning_chars = 0
        self._generated_pieces = 0
        self._first_piece_at = 0.0
        self._outcome: DraftOutcome | None = None

    @property
    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_running

    def start(self, generate_fn: GenerateFn) -> None:
        if self.is_running:
            return
        self._final_parts = []
        self._reasoning_chars = 0
        self._generated_pieces = 0
        self._first_piece_at = 0.0
        self._outcome = None
        from engine.runtime.cancel import CancelFlag  # loads llama.cpp: not at start-up

        self._worker = Worker(generate_fn, name="draft", cancel_event=CancelFlag())
        self._worker.yielded.connect(self._on_events)
        self._worker.errored.connect(self.failed)
        self._worker.done.connect(self._on_done)
        self.started.emit()
        self._worker.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def final_text(self) -> str:
        return "".join(self._final_parts)

    def _on_events(self, events: list[Any]) -> None:
        final_chunk: list[str] = []
        reasoning_chunk: list[str] = []
        progress: PromptProgress | None = None
        for event in events:
            if isinstance(event, FinalDelta):
                final_chunk.append(_displayable(event.text))
            elif isinstance(event, AnalysisDelta):
                reasoning_chunk.append(_displayable(event.text))
            elif isinstance(event, PromptProgress):
                progress = event
            elif isinstance(event, Done):
                self._outcome = DraftOutcome(self.final_text(), event.finish_reason, event.stats)
            if isinstance(event, FinalDelta | AnalysisDelta):
                self._count_piece()
        if progress is not None:
            self.prompt_progress.emit(progress.done, progress.total)
        if reasoning_chunk:
            self.reasoning_text.emit("".join(reasoning_chunk))
        if final_chunk:
            text = "".join(final_chunk)
            self._final_parts.append(text)
            self.draft_text.emit(text)
        if final_chunk or reasoning_chunk:
            self.generation_progress.emit(self._generated_pieces, self._live_rate())
        if self._outcome is not None:
            self._outcome = DraftOutcome(
                self.final_text(), self._outcome.finish_reason, self._outcome.stats
            )

    def _count_piece(self) -> None:
        if self._generated_pieces == 0:
            self._first_piece_at = time.monotonic()
        self._generated_pieces += 1

    def _live_rate(self) -> float:
        elapsed = time.monotonic() - self._first_piece_at
        return self._generated_pieces / elapsed if elapsed > 0.05 else 0.0

    def _on_done(self) -> None:
        outcome = self._outcome
        if outcome is None:
            cancelled = self._worker is not None and self._worker.cancel_event.is_set()
            if not cancelled:
                return  # failed: `failed` was emitted
            outcome = DraftOutcome(self.final_text(), FinishReason.CANCELLED, None)
        self.finished.emit(outcome)
