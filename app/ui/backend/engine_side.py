"""The UI's view of the engine: check a model file, load it, draft, count.

One model is loaded at a time; generation runs on whatever thread iterates
(the UI's worker).  Token counting uses the GGUF's own vocabulary through
tiktoken, so the meter works before the model is loaded.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from app.ui.backend.progress import progress_generator
from app.ui.backend.protocols import LoadedModelInfo, LoadProgress
from app.ui.model_report import HashProgress, ModelReport

PLAN_KINDS = {"all_gpu": "GPU", "experts_on_cpu": "experts on CPU", "cpu_only": "CPU"}


class RealEngine:
    def __init__(
        self,
        *,
        model_path: Callable[[], str],
        context_size: Callable[[], int],
        sampling: Any = None,
    ) -> None:
        self._model_path = model_path
        self.sampling = sampling  # engine SamplingOptions; None: the engine's defaults
        self._context_size = context_size
        self._loaded: Any = None
        self._session: Any = None
        self._vocab: Any = None
        self._vocab_path = ""
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Import llama.cpp's bindings on the GUI thread and keep Python out of
        llama.cpp's own threads.

        With PySide6 6.12, Python callbacks entered from foreign threads while
        Qt's event loop runs corrupted reference counts here (aborts reported
        as `none_dealloc`/`bool_dealloc`).  So the first import of llama_cpp
        happens on the calling thread, and llama.cpp's log goes straight to
        stderr (its C default) instead of through llama_cpp's Python logger.
        """
        import ctypes

        import llama_cpp

        import engine.runtime.loader
        import engine.runtime.session  # noqa: F401

        llama_cpp.llama_log_set(
            ctypes.cast(0, llama_cpp.llama_log_callback), ctypes.c_void_p(0)
        )

    # -- model file ------------------------------------------------------------

    def check_model_file(
        self, path: str, cancel: threading.Event
    ) -> Generator[HashProgress, None, ModelReport]:
        from engine.modelfile import open_model_file, sha256_file
        from engine.runtime.loader import plan_for_model

        file = Path(path)
        model_file = open_model_file(file)
        report = model_file.report
        digest = yield from progress_generator(
            lambda on_progress: sha256_file(
                file,
                progress=lambda done, total: on_progress(done / total if total else 1.0),
                cancel=cancel,
            ),
            wrap=HashProgress,
        )
        context = min(self._context_size(), report.context_length)
        plan = plan_for_model(model_file, n_ctx=context)
        return ModelReport(
            path=str(file),
            summary=describe_model(report),
            sha256=digest,
            plan_kind=PLAN_KINDS.get(str(plan.placement), str(plan.placement)),
            plan_reason=plan.reason,
            context_length=report.context_length,
        )

    # -- load / unload ----------------------------------------------------------

    def load(
        self, *, path: str, context_size: int, cpu_moe_layers: int | None, cancel: threading.Event
    ) -> Generator[LoadProgress, None, LoadedModelInfo]:
        from engine.modelfile import open_model_file
        from engine.runtime.loader import load_model, plan_for_model
        from engine.runtime.memory import accelerator_backend
        from engine.runtime.session import Session

        self.unload()
        file = Path(path)
        model_file = open_model_file(file)
        plan = plan_for_model(model_file, n_ctx=context_size)
        if cpu_moe_layers is not None:
            plan = manual_plan(plan, cpu_moe_layers)
        loaded = yield from progress_generator(
            lambda on_progress: load_model(
                model_file, plan=plan, on_progress=on_progress, cancel=cancel
            ),
            wrap=LoadProgress,
        )
        with self._lock:
            self._loaded = loaded
            self._session = Session(loaded)
        return LoadedModelInfo(
            name=file.name,
            plan_kind=PLAN_KINDS.get(str(plan.placement), str(plan.placement)),
            plan_reason=plan.reason,
            backend=accelerator_backend(),
            context_size=loaded.n_ctx,
        )

    def is_loaded(self) -> bool:
        return self._session is not None

    def unload(self) -> None:
        with self._lock:
            loaded, self._loaded, self._session = self._loaded, None, None
        if loaded is not None:
            loaded.close()

    # -- drafting -------------------------------------------------------------------

    def generate(self, conversation: Any, cancel: threading.Event) -> Iterator[Any]:
        from engine.errors import ModelLoadError
        from engine.harmony.render import render_tokens

        session = self._session
        if session is None:
            raise ModelLoadError("The model is not loaded yet.", detail="generate before load")
        prompt = render_tokens(conversation, session.model.codec)
        if self.sampling is None:
            return session.generate(prompt, cancel=cancel)  # type: ignore[no-any-return]
        return session.generate(  # type: ignore[no-any-return]
            prompt, sampling=self.sampling, cancel=cancel
        )

    def count_tokens(self, text: str) -> int:
        from engine.vocab import Vocabulary

        path = self._model_path()
        if not path:
            return 0
        if self._vocab is None or self._vocab_path != path:
            self._vocab = Vocabulary.from_gguf(path)
            self._vocab_path = path
        return int(self._vocab.count_tokens(text))


def manual_plan(plan: Any, cpu_moe_layers: int) -> Any:
    """The clinician's (or IT's) own choice of expert layers kept in system RAM."""
    from engine.runtime.planner import Placement

    if plan.placement is Placement.CPU_ONLY or cpu_moe_layers <= 0:
        return plan
    return dataclasses.replace(
        plan,
        placement=Placement.EXPERTS_ON_CPU,
        n_cpu_moe_layers=cpu_moe_layers,
        reason=f"Manual setting: the experts of the first {cpu_moe_layers} layers stay in "
        "system memory, the rest runs on the graphics card.",
    )


def describe_model(report: Any) -> str:
    parts = [str(getattr(report, "architecture", "gpt-oss"))]
    for label, attr in (("layers", "block_count"), ("experts", "expert_count")):
        value = getattr(report, attr, None)
        if value:
            parts.append(f"{value} {label}")
    parts.append(f"context {report.context_length:,}")
    return ", ".join(parts)
