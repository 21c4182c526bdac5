"""One generation: evaluate the prompt in chunks, then sample, parse, stream.

Kept as a plain generator so any thread can drive it: the CLI iterates it
directly, the UI on a worker thread.  Every path out of it (finished, length,
cancelled, error) releases the session; every normal path ends with `Done`.
Sampled ids go through the harmony parser, which alone decides what is
analysis and what is the draft; text on any other channel is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field

from llama_cpp.llama_cpp import llama_sampler_sample

from engine.harmony.events import Channel, ChannelDelta, FinishReason
from engine.harmony.events import Done as ParserDone
from engine.harmony.events import Event as ParserEvent
from engine.harmony.parser import HarmonyStreamParser
from engine.runtime.cancel import CancelFlag
from engine.runtime.events import (
    AnalysisDelta,
    CommentaryDelta,
    Done,
    FinalDelta,
    GenerationEvent,
    GenerationStats,
    PromptProgress,
)
from engine.runtime.sampling import SamplerChain, SamplingOptions
from engine.runtime.session import DECODE_ABORTED, Session

_DELTA_TYPES: dict[Channel, type[AnalysisDelta] | type[CommentaryDelta] | type[FinalDelta]] = {
    Channel.ANALYSIS: AnalysisDelta,
    Channel.COMMENTARY: CommentaryDelta,
    Channel.FINAL: FinalDelta,
}


@dataclass
class _Clock:
    start: float = field(default_factory=time.perf_counter)
    prompt_done: float = 0.0
    first_token: float = 0.0


class Generation:
    def __init__(
        self, session: Session, prompt: list[int], sampling: SamplingOptions, cancel: CancelFlag
    ) -> None:
        self.session = session
        self.prompt = prompt
        self.sampling = sampling
        self.cancel = cancel
        self.clock = _Clock()
        self.reused = 0
        self.generated = 0

    def events(self) -> Iterator[GenerationEvent]:
        self.session.acquire()
        try:
            self.clock = _Clock()
            self.session.arm_abort(self.cancel)
            completed = yield from self._evaluate_prompt()
            self.clock.prompt_done = time.perf_counter()
            reason = (yield from self._sample()) if completed else FinishReason.CANCELLED
            yield Done(reason, self._stats())
        finally:
            self.session.disarm_abort()
            self.session.release()

    def _evaluate_prompt(self) -> Generator[GenerationEvent, None, bool]:
        """Yields progress; returns False if cancelled before the prompt was in."""
        total = len(self.prompt)
        done = self.reused = self.session.reuse_prefix(self.prompt)
        yield PromptProgress(done, total)
        step = self.session.model.n_batch
        while done < total:
            if self.cancel.is_set():
                return False
            chunk = self.prompt[done : done + step]
            if self.session.decode(chunk) == DECODE_ABORTED:
                return False
            done += len(chunk)
            yield PromptProgress(done, total)
        return True

    def _sample(self) -> Generator[GenerationEvent, None, FinishReason]:
        """Yields deltas; returns the finish reason."""
        parser = self._primed_parser()
        sampler = SamplerChain(self.sampling)
        try:
            reason = yield from self._token_loop(parser, sampler)
            if reason is None:
                reason = FinishReason.CANCELLED if self.cancel.is_set() else FinishReason.LENGTH
                yield from _translate(parser.finish(reason))
            return reason
        finally:
            sampler.close()

    def _token_loop(
        self, parser: HarmonyStreamParser, sampler: SamplerChain
    ) -> Generator[GenerationEvent, None, FinishReason | None]:
        """The hot loop: runs once per token, so it binds its calls to locals,
        takes the parser's plain-text fast path (`feed_text`: no parser event
        to build and translate) and translates other tokens' events inline
        (measured by benchmarks/bench_engine.py)."""
        context = self.session.model.live_context
        budget = min(self.sampling.max_tokens, self.session.model.n_ctx - len(self.prompt))
        cancelled, feed, feed_text = self.cancel.is_set, parser.feed, parser.feed_text
        sample, handle = llama_sampler_sample, sampler.handle
        decode_one, delta_types = self.session.decode_one, _DELTA_TYPES
        delta_type = delta_types.get(parser.channel)
        clock, generated = self.clock, 0
        try:
            for _ in range(budget):
                if cancelled():
                    return None
                token = sample(handle, context, -1)
                if not generated:
                    clock.first_token = time.perf_counter()
                generated += 1
                text = feed_text(token)
                if text is None:
                    for event in feed(token):
                        if type(event) is ChannelDelta:
                            event_type = delta_types.get(event.channel)
                            if event_type is not None:
                                yield event_type(event.text)
                        elif type(event) is ParserDone:
                            return event.finish_reason
                    delta_type = delta_types.get(parser.channel)
                elif text and delta_type is not None:
                    yield delta_type(text)
                if decode_one(token) == DECODE_ABORTED:
                    return None
            return None
        finally:
            self.generated = generated

    def _primed_parser(self) -> HarmonyStreamParser:
        """A parser that has seen the prompt's last `<|start|>…`: usually just
        `assistant`, but a prompt may pre-open a message (for example
        `assistant<|channel|>final<|message|>`), whose text then streams as such."""
        codec = self.session.model.codec
        parser = HarmonyStreamParser(codec, start_role=None)
        start = codec.special_id("<|start|>")
        if start in self.prompt:
            last_start = len(self.prompt) - 1 - self.prompt[::-1].index(start)
            parser.feed_many(self.prompt[last_start:])
        return parser

    def _stats(self) -> GenerationStats:
        now = time.perf_counter()
        clock = self.clock
        evaluated = len(self.prompt) - self.reused
        prompt_time = max(clock.prompt_done - clock.start, 1e-9)
        first = clock.first_token or now
        return GenerationStats(
            prompt_tokens=len(self.prompt),
            reused_prompt_tokens=self.reused,
            evaluated_prompt_tokens=evaluated,
            generated_tokens=self.generated,
            time_to_first_token_s=first - clock.start if self.generated else 0.0,
            prompt_tokens_per_s=evaluated / prompt_time,
            generation_tokens_per_s=self.generated / max(now - clock.prompt_done, 1e-9),
        )


def _translate(events: list[ParserEvent]) -> Generator[GenerationEvent, None, FinishReason | None]:
    """Parser events -> runtime events; returns the finish reason on Done."""
    for event in events:
        if type(event) is ChannelDelta:
            delta_type = _DELTA_TYPES.get(event.channel)
            if delta_type is not None:
                yield delta_type(event.text)
        elif type(event) is ParserDone:
            return event.finish_reason
    return None
