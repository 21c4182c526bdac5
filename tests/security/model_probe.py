"""One attempt at a model file along the app's own path, as a verdict.

The path is the one the app takes when a clinician picks a file: inspect and
validate it (engine.modelfile), plan for this machine, load it through the
runtime's loader and generate a few tokens.  The verdict is `rejected` (an
EnclaveError: class and user message), `ran` (tokens produced) or `unclear`
(any other exception — a finding, since the clinician would see a traceback).
A process death is judged by the parent, which outlives us.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import llama_cpp.llama_cpp as llc

from engine.errors import EnclaveError
from engine.runtime.loader import LoadedModel, load_model, plan_for_file

PROBE_CONTEXT = 256
PROBE_TOKENS = 4


def _generate_tokens(loaded: LoadedModel, *, count: int) -> int:
    prompt = loaded.codec.encode_text("Session notes: patient reports better sleep.")
    sampler = llc.llama_sampler_init_greedy()
    try:
        token_array = (llc.llama_token * len(prompt))(*prompt)
        batch = llc.llama_batch_get_one(token_array, len(prompt))
        produced = 0
        while produced < count:
            if llc.llama_decode(loaded.context, batch) != 0:
                break
            token = llc.llama_sampler_sample(sampler, loaded.context, -1)
            produced += 1
            single = (llc.llama_token * 1)(token)
            batch = llc.llama_batch_get_one(ctypes.cast(single, ctypes.POINTER(llc.llama_token)), 1)
        return produced
    finally:
        llc.llama_sampler_free(sampler)


def probe_model(path: Path) -> dict[str, Any]:
    try:
        plan = plan_for_file(path, n_ctx=PROBE_CONTEXT)
        with load_model(path, plan=plan) as loaded:
            produced = _generate_tokens(loaded, count=PROBE_TOKENS)
    except EnclaveError as error:
        return {"outcome": "rejected", "error": type(error).__name__, "message": error.user_message}
    return {"outcome": "ran", "tokens": produced}
