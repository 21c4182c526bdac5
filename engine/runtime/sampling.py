"""Sampling through llama.cpp's own sampler chain.

The chain runs in C on the logits llama.cpp already holds, so a sampled token
costs one foreign call instead of copying 201,088 logits into Python.
gpt-oss is meant to be sampled at temperature 1.0 and top_p 1.0; a seed makes
a run repeatable (same prompt, same seed, same tokens).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import llama_cpp.llama_cpp as llc

_RANDOM_SEED = 0xFFFFFFFF  # LLAMA_DEFAULT_SEED: llama.cpp picks one


@dataclass(frozen=True)
class SamplingOptions:
    temperature: float = 1.0
    top_p: float = 1.0
    seed: int | None = None
    max_tokens: int = 4096


class SamplerChain:
    """[top-p ->] temperature -> random draw; freed with `close()`."""

    def __init__(self, options: SamplingOptions) -> None:
        params = llc.llama_sampler_chain_default_params()
        params.no_perf = True
        self.handle: llc.llama_sampler_p | None = llc.llama_sampler_chain_init(params)
        seed = _RANDOM_SEED if options.seed is None else options.seed & 0xFFFFFFFF
        if seed == _RANDOM_SEED:
            seed = random.SystemRandom().getrandbits(31)
        if options.top_p < 1.0:  # 1.0 keeps every token: skip the sort it would cost
            self._add(llc.llama_sampler_init_top_p(options.top_p, 1))
        if options.temperature <= 0.0:
            self._add(llc.llama_sampler_init_greedy())
        else:
            self._add(llc.llama_sampler_init_temp(options.temperature))
            self._add(llc.llama_sampler_init_dist(seed))

    def _add(self, stage: llc.llama_sampler_p) -> None:
        llc.llama_sampler_chain_add(self.handle, stage)

    def sample(self, context: llc.llama_context_p) -> int:
        return int(llc.llama_sampler_sample(self.handle, context, -1))

    def close(self) -> None:
        if self.handle:
            llc.llama_sampler_free(self.handle)
            self.handle = None
