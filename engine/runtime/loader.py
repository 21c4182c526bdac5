"""Loading gpt-oss into llama.cpp with a plan, progress and a way to stop.

`llama_cpp.Llama` offers none of the three things the app needs here: a load
progress callback (a 12 GB load takes a while), cancelling the load, and
`tensor_buft_overrides` (how experts stay in system RAM).  So the model and
context are created through the low-level API with those fields filled in.
Every failure becomes an `EnclaveError`; llama.cpp returning NULL never
reaches the clinician as a crash.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import llama_cpp.llama_cpp as llc

from engine.errors import EnclaveError, ModelLoadError, OperationCancelled
from engine.modelfile import ModelFile, open_model_file
from engine.modelfile.vocabulary import Vocabulary
from engine.runtime.llama_ext import CpuTensorOverrides
from engine.runtime.memory import current_budget
from engine.runtime.model_facts import facts_from_report
from engine.runtime.planner import KvCacheType, Plan, plan_offload

ProgressCallback = Callable[[float], None]
_GGML_TYPE = {KvCacheType.F16: 1, KvCacheType.Q8_0: 8}
_backend_ready = threading.Lock()
_backend_initialised = False


@dataclass(frozen=True)
class ContextOptions:
    n_batch: int = 512
    n_ubatch: int = 512
    n_threads: int | None = None
    flash_attention: bool | None = None  # None: llama.cpp decides (auto)


class LoadedModel:
    """A llama.cpp model plus one context; `close()` frees both (in order).

    `codec` is the file's own `Vocabulary`, not llama.cpp's tokenizer: for
    gpt-oss, llama.cpp turns `<|end|>` typed in a note into the control token
    even when told not to parse specials, which would let notes forge
    messages.  The two agree exactly on plain text (tests/engine/test_vocab.py).
    """

    def __init__(
        self,
        model: llc.llama_model_p,
        context: llc.llama_context_p,
        plan: Plan,
        *,
        codec: Vocabulary,
        keep: object,
    ) -> None:
        self.model: llc.llama_model_p | None = model
        self.context: llc.llama_context_p | None = context
        self.plan = plan
        self._keep_alive = keep  # the override array llama.cpp points into
        self.codec = codec
        self.n_ctx = int(llc.llama_n_ctx(context))
        self.n_batch = int(llc.llama_n_batch(context))

    @property
    def live_context(self) -> llc.llama_context_p:
        if not self.context:
            raise ModelLoadError("The model has been unloaded.", detail="context used after close")
        return self.context

    @property
    def memory(self) -> llc.llama_memory_t:
        memory: llc.llama_memory_t = llc.llama_get_memory(self.live_context)
        return memory

    def close(self) -> None:
        if self.context:
            llc.llama_free(self.context)
            self.context = None
        if self.model:
            llc.llama_model_free(self.model)
            self.model = None

    def __enter__(self) -> LoadedModel:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def plan_for_file(path: Path, *, n_ctx: int, kv_type: KvCacheType = KvCacheType.F16) -> Plan:
    """The plan for this file on this machine right now (validates the file)."""
    return plan_for_model(open_model_file(path), n_ctx=n_ctx, kv_type=kv_type)


def plan_for_model(
    model_file: ModelFile, *, n_ctx: int, kv_type: KvCacheType = KvCacheType.F16
) -> Plan:
    """The plan for an already validated file, so a caller that plans and then
    loads validates (and builds the vocabulary) once."""
    facts = facts_from_report(model_file.report)
    return plan_offload(facts.tensors, facts.shape, current_budget(), n_ctx=n_ctx, kv_type=kv_type)


def load_model(
    source: Path | ModelFile,
    *,
    plan: Plan,
    options: ContextOptions = ContextOptions(),
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> LoadedModel:
    """Load `source` as `plan` says, validating it first unless it is already a
    `ModelFile`; raises OperationCancelled if `cancel` is set.  llama.cpp only
    sees files `open_model_file` accepted."""
    model_file = source if isinstance(source, ModelFile) else open_model_file(source)
    path = Path(model_file.report.path)
    facts = facts_from_report(model_file.report)
    if plan.n_ctx > facts.context_length:
        raise ModelLoadError(
            f"This model supports at most {facts.context_length:,} tokens of context.",
            detail=f"asked n_ctx={plan.n_ctx}",
        )
    _init_backend()
    overrides = CpuTensorOverrides(plan.expert_override_patterns)
    progress = _LoadProgress(on_progress, cancel)
    model = llc.llama_model_load_from_file(
        str(path).encode("utf-8"), _model_params(plan, overrides, progress)
    )
    progress.raise_if_stopped()
    if not model:
        raise ModelLoadError(
            "The model could not be loaded. The file may be damaged, or this build "
            "of the app cannot run it.",
            detail=f"llama_model_load_from_file returned NULL for {path.name}",
        )
    context = llc.llama_init_from_model(model, _context_params(plan, options))
    if not context:
        llc.llama_model_free(model)
        raise ModelLoadError(
            "The model loaded but there was not enough memory for its context. "
            "Choose a shorter context.",
            detail=f"llama_init_from_model returned NULL (n_ctx={plan.n_ctx})",
        )
    return LoadedModel(model, context, plan, codec=model_file.vocabulary, keep=overrides)


def _init_backend() -> None:
    global _backend_initialised
    with _backend_ready:
        if not _backend_initialised:
            llc.llama_backend_init()
            _backend_initialised = True


class _LoadProgress:
    """Bridges llama.cpp's progress callback to Python, carrying cancel and errors.

    The vendored loader also reports values outside 0..1 from some call sites
    (seen: 2.9e29, -1.7e30); only in-range values that move forward reach
    `on_progress`, so consumers see a monotonic fraction ending at 1.0.
    """

    def __init__(self, on_progress: ProgressCallback | None, cancel: threading.Event | None):
        self._on_progress = on_progress
        self._cancel = cancel
        self._error: BaseException | None = None
        self._reported = -1.0
        self.c_callback = llc.llama_progress_callback(self._called)

    def _called(self, fraction: float, _user_data: ctypes.c_void_p) -> bool:
        try:
            if self._on_progress is not None and self._reported < fraction <= 1.0:
                self._reported = fraction
                self._on_progress(fraction)
        except BaseException as error:  # must not unwind through C
            self._error = error
            return False
        return not (self._cancel is not None and self._cancel.is_set())

    def raise_if_stopped(self) -> None:
        if self._error is not None:
            if isinstance(self._error, EnclaveError):
                raise self._error
            raise ModelLoadError(detail=repr(self._error)) from self._error
        if self._cancel is not None and self._cancel.is_set():
            raise OperationCancelled("Loading the model was cancelled.")


def _model_params(
    plan: Plan, overrides: CpuTensorOverrides, progress: _LoadProgress
) -> llc.llama_model_params:
    params: llc.llama_model_params = llc.llama_model_default_params()
    params.n_gpu_layers = plan.n_gpu_layers
    if overrides.patterns:
        params.tensor_buft_overrides = overrides.pointer  # type: ignore[assignment]
    params.progress_callback = progress.c_callback
    return params


def _context_params(plan: Plan, options: ContextOptions) -> llc.llama_context_params:
    params: llc.llama_context_params = llc.llama_context_default_params()
    threads = options.n_threads or os.cpu_count() or 1
    params.n_ctx = plan.n_ctx
    params.n_batch = options.n_batch
    params.n_ubatch = min(options.n_ubatch, options.n_batch)
    params.n_threads = threads
    params.n_threads_batch = threads
    params.type_k = params.type_v = _GGML_TYPE[plan.kv_type]
    params.swa_full = plan.swa_full
    params.flash_attn_type = {
        None: llc.LLAMA_FLASH_ATTN_TYPE_AUTO,
        True: llc.LLAMA_FLASH_ATTN_TYPE_ENABLED,
        False: llc.LLAMA_FLASH_ATTN_TYPE_DISABLED,
    }[options.flash_attention]
    return params
