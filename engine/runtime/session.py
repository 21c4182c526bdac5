"""One loaded model, one generation at a time, and what its KV cache holds.

The session remembers the exact token list whose keys and values sit in the
cache.  A new prompt that shares a prefix with it (regenerating a draft,
changing only the effort or the last instruction) evaluates only the
differing suffix: the rest of the cache is cut with `llama_memory_seq_rm`.
That needs a full-size sliding-window cache (`swa_full`, which the planner
turns on by default); if llama.cpp still cannot cut, the cache is cleared and
the prompt is evaluated from the start, never reused wrongly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import llama_cpp.llama_cpp as llc

from engine.errors import ContextOverflowError
from engine.harmony.specials import stop_token_ids
from engine.runtime.cancel import CancelFlag
from engine.runtime.errors import GenerationBusyError, ModelRuntimeError
from engine.runtime.events import GenerationEvent
from engine.runtime.loader import LoadedModel
from engine.runtime.sampling import SamplingOptions

DECODE_OK = 0
DECODE_ABORTED = 2
DEFAULT_OUTPUT_RESERVE = 1024
DEFAULT_SAMPLING = SamplingOptions()
_NO_ABORT = llc.ggml_abort_callback(0)


class Session:
    def __init__(self, model: LoadedModel, *, output_reserve: int = DEFAULT_OUTPUT_RESERVE):
        self.model = model
        self.output_reserve = output_reserve
        self.stop_ids = frozenset(stop_token_ids(model.codec))
        self._busy = threading.Lock()
        self._cached: list[int] = []
        self._armed: CancelFlag | None = None
        self._one_token = (llc.llama_token * 1)()
        self._one_token_batch = llc.llama_batch_get_one(self._one_token, 1)

    @property
    def cached_tokens(self) -> tuple[int, ...]:
        """Tokens whose keys and values are in the cache right now, in order."""
        return tuple(self._cached)

    def generate(
        self,
        prompt_ids: Sequence[int],
        *,
        sampling: SamplingOptions = DEFAULT_SAMPLING,
        cancel: CancelFlag | None = None,
    ) -> Iterator[GenerationEvent]:
        """Events for one generation; runs on the thread that iterates.

        Refuses a prompt that does not fit before anything is evaluated.
        """
        from engine.runtime.generate import Generation

        prompt = list(prompt_ids)
        self.check_fits(len(prompt))
        return Generation(self, prompt, sampling, cancel or CancelFlag()).events()

    def check_fits(self, n_prompt: int) -> None:
        n_ctx = self.model.n_ctx
        reserve = min(self.output_reserve, n_ctx // 2)
        if n_prompt == 0 or n_prompt + reserve > n_ctx:
            raise ContextOverflowError(
                f"The notes and instructions come to {n_prompt:,} tokens; with {reserve:,} "
                f"tokens kept for the draft that needs {n_prompt + reserve:,}, but the model's "
                f"context holds {n_ctx:,}. Shorten the notes or choose a longer context.",
                detail=f"prompt_tokens={n_prompt} reserve={reserve} n_ctx={n_ctx}",
            )

    # -- used by Generation, on the generating thread ---------------------------

    def acquire(self) -> None:
        if not self._busy.acquire(blocking=False):
            raise GenerationBusyError()

    def release(self) -> None:
        self._busy.release()

    def reuse_prefix(self, prompt: list[int]) -> int:
        """Keep the cached prefix shared with `prompt` (at least its last token is
        evaluated again, for fresh logits); returns how many tokens were kept."""
        keep = _common_prefix(self._cached, prompt)
        keep = min(keep, len(prompt) - 1)
        if keep < len(self._cached) and not llc.llama_memory_seq_rm(self.model.memory, 0, keep, -1):
            self.forget()
            return 0
        del self._cached[keep:]
        return keep

    def forget(self) -> None:
        llc.llama_memory_clear(self.model.memory, True)
        self._cached.clear()

    def arm_abort(self, cancel: CancelFlag) -> None:
        """Let `cancel` stop decodes; llama.cpp keeps the pointer, so the flag is
        held here until `disarm_abort` (a freed flag would read as garbage)."""
        self._armed = cancel
        llc.llama_set_abort_callback(
            self.model.live_context, cancel.abort.callback, cancel.abort.data
        )

    def disarm_abort(self) -> None:
        if self.model.context:
            llc.llama_set_abort_callback(self.model.context, _NO_ABORT, None)
        self._armed = None

    def decode(self, tokens: Sequence[int]) -> int:
        """Evaluate `tokens` after the cache; DECODE_OK or DECODE_ABORTED."""
        if not 0 < len(tokens) <= self.model.n_batch:
            raise ValueError(f"decode takes 1..{self.model.n_batch} tokens, got {len(tokens)}")
        array = (llc.llama_token * len(tokens))(*tokens)
        batch = llc.llama_batch_get_one(array, len(tokens))
        return self._checked(llc.llama_decode(self.model.live_context, batch), tokens)

    def decode_one(self, token: int) -> int:
        """The per-token path: one reused one-token batch, no allocation."""
        self._one_token[0] = token
        status = llc.llama_decode(self.model.context, self._one_token_batch)
        if status == DECODE_OK:
            self._cached.append(token)
            return DECODE_OK
        return self._checked(status, (token,))

    def _checked(self, status: int, tokens: Sequence[int]) -> int:
        if status == DECODE_OK:
            self._cached.extend(tokens)
            return DECODE_OK
        if status == DECODE_ABORTED:
            self._resync_after_abort(tokens)
            return DECODE_ABORTED
        self.forget()
        raise ModelRuntimeError(detail=f"llama_decode returned {status}")

    def _resync_after_abort(self, tokens: Sequence[int]) -> None:
        """Aborted decodes keep the micro-batches already done; count them in."""
        in_memory = int(llc.llama_memory_seq_pos_max(self.model.memory, 0)) + 1
        done = max(0, in_memory - len(self._cached))
        self._cached.extend(tokens[:done])


def _common_prefix(left: Sequence[int], right: Sequence[int]) -> int:
    length = min(len(left), len(right))
    for index in range(length):
        if left[index] != right[index]:
            return index
    return length
