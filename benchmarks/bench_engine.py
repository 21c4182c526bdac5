"""Engine figures on the tiny gpt-oss model, measured side by side in one run.

    .venv/bin/python benchmarks/bench_engine.py [--rounds 15] [--tokens 256]

- decode tokens/s of the engine (parser, events, cancel checks included)
  divided by a raw llama-cpp-python token loop (low-level API: sample with the
  same sampler chain, decode one token) on the same model, context, prompt,
  seed and token count, in alternating rounds; goal >= 0.98.  Both are timed
  by this script the same way (prompt in -> last token decoded) and must
  decode the identical token sequence.  Each round gives a ratio; the median
  of those, the ratio of the medians and the engine's overhead in us/token
  are printed, by wall clock and by process CPU time (the machine may be
  shared: CPU time leaves out time other programs take);
- time to first token for a cold ~300-token prompt;
- cancel latency during prompt evaluation and during generation (flag set
  from another thread, until the iterator yields Done); goal < 200 ms;
- prefix reuse: time to first token when regenerating on the same long
  prompt, against evaluating it cold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import llama_cpp.llama_cpp as llc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.conversation import Conversation, Effort, Role, Turn
from engine.harmony.events import FinishReason
from engine.harmony.render import render_tokens
from engine.runtime.cancel import CancelFlag
from engine.runtime.events import Done, GenerationEvent, PromptProgress
from engine.runtime.llama_ext import route_llama_logs_to
from engine.runtime.loader import (
    ContextOptions,
    LoadedModel,
    load_model,
    plan_for_file,
)
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session
from tests.fixtures.tiny_model import build_tiny_model

NOTES = "Pt seen for follow-up. BP 128/82, HR 71. Sleeping better on sertraline 50 mg; denies SI. "


def prompt_ids(model: LoadedModel, *, repeat: int = 1) -> list[int]:
    codec = model.codec
    conversation = Conversation(
        instructions="Write a SOAP note.",
        turns=(Turn(Role.USER, NOTES * repeat),),
        effort=Effort.LOW,
    )
    opened = [codec.special_id("<|channel|>"), *codec.encode_text("final")]
    return render_tokens(conversation, codec) + opened + [codec.special_id("<|message|>")]


@dataclass(frozen=True)
class Round:
    """One timed decode: wall-clock and process CPU seconds, and the tokens decoded."""

    wall_s: float
    cpu_s: float
    tokens: tuple[int, ...]


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def engine_round(session: Session, prompt: list[int], *, seed: int, n: int) -> Round:
    """Timed from the moment the prompt is in (last PromptProgress) to Done; the
    timed consumer does no work per event (the raw loop has no events at all)."""
    session.forget()
    events = iter(session.generate(prompt, sampling=SamplingOptions(seed=seed, max_tokens=n)))
    for event in events:
        if isinstance(event, PromptProgress) and event.done == event.total:
            break
    began = _clocks()
    last = deque(events, maxlen=1)[0]
    ended = _clocks()
    assert isinstance(last, Done) and last.finish_reason is FinishReason.LENGTH, last
    decoded = session.cached_tokens[len(prompt) :]
    return Round(ended[0] - began[0], ended[1] - began[1], decoded)


def raw_round(model: LoadedModel, prompt: list[int], *, seed: int, n: int) -> Round:
    """What a careful hand-written llama-cpp-python loop does, nothing more: the
    engine's sampler chain (temperature 1.0 -> seeded draw, top_p 1.0 skipped),
    one reused one-token batch, stop on <|return|>/<|call|>."""
    context = model.live_context
    llc.llama_memory_clear(llc.llama_get_memory(context), True)
    stops = {model.codec.special_id("<|return|>"), model.codec.special_id("<|call|>")}
    params = llc.llama_sampler_chain_default_params()
    params.no_perf = True
    sampler = llc.llama_sampler_chain_init(params)
    llc.llama_sampler_chain_add(sampler, llc.llama_sampler_init_temp(1.0))
    llc.llama_sampler_chain_add(sampler, llc.llama_sampler_init_dist(seed))
    for start in range(0, len(prompt), model.n_batch):
        chunk = prompt[start : start + model.n_batch]
        array = (llc.llama_token * len(chunk))(*chunk)
        assert llc.llama_decode(context, llc.llama_batch_get_one(array, len(chunk))) == 0
    one = (llc.llama_token * 1)()
    batch = llc.llama_batch_get_one(one, 1)
    decoded = []
    began = _clocks()
    for _ in range(n):
        token = llc.llama_sampler_sample(sampler, context, -1)
        if token in stops:
            break
        one[0] = token
        if llc.llama_decode(context, batch) != 0:
            raise RuntimeError("raw decode failed")
        decoded.append(token)
    ended = _clocks()
    llc.llama_sampler_free(sampler)
    return Round(ended[0] - began[0], ended[1] - began[1], tuple(decoded))


def _last(events: object) -> Done:
    final = None
    for event in events:  # type: ignore[attr-defined]
        final = event
    assert isinstance(final, Done)
    return final


def long_running_seed(session: Session, prompt: list[int], n: int) -> int:
    for seed in range(200):
        options = SamplingOptions(seed=seed, max_tokens=n)
        session.forget()
        if _last(session.generate(prompt, sampling=options)).finish_reason is FinishReason.LENGTH:
            return seed
    raise SystemExit("no seed runs to the token limit")


def decode_ratio(session: Session, prompt: list[int], *, rounds: int, n: int) -> None:
    """Engine and raw rounds alternate (order flipped every round, one warm-up
    pair discarded); both must decode the very same n tokens."""
    seed = long_running_seed(session, prompt, n)
    engine_rounds: list[Round] = []
    raw_rounds: list[Round] = []
    for round_index in range(rounds + 1):
        for engine_first in (True, False) if round_index % 2 else (False, True):
            if engine_first:
                measured = engine_round(session, prompt, seed=seed, n=n)
            else:
                measured = raw_round(session.model, prompt, seed=seed, n=n)
            assert len(measured.tokens) == n, (engine_first, len(measured.tokens))
            if round_index:  # round 0 warms up
                (engine_rounds if engine_first else raw_rounds).append(measured)
    assert all(e.tokens == r.tokens for e, r in zip(engine_rounds, raw_rounds, strict=True))
    print(f"decode, {n} identical tokens x {rounds} alternating rounds (seed {seed}):")
    for clock in ("wall", "cpu"):
        _report(clock, engine_rounds, raw_rounds, n=n)


def _report(clock: str, engine_rounds: list[Round], raw_rounds: list[Round], *, n: int) -> None:
    def seconds(measured: Round) -> float:
        return measured.wall_s if clock == "wall" else measured.cpu_s

    engine = [n / seconds(measured) for measured in engine_rounds]
    raw = [n / seconds(measured) for measured in raw_rounds]
    ratio_of_medians = statistics.median(engine) / statistics.median(raw)
    per_round = statistics.median(e / r for e, r in zip(engine, raw, strict=True))
    raw_us = statistics.median(seconds(measured) for measured in raw_rounds) / n * 1e6
    overhead_us = statistics.median(
        (seconds(e) - seconds(r)) / n * 1e6 for e, r in zip(engine_rounds, raw_rounds, strict=True)
    )
    label = (
        "wall clock"
        if clock == "wall"
        else "process CPU time (not counting time other programs take)"
    )
    print(f"  {label}:")
    print(f"    engine  median {statistics.median(engine):9.1f} tok/s   all: {_fmt(engine)}")
    print(f"    raw     median {statistics.median(raw):9.1f} tok/s   all: {_fmt(raw)}")
    print(
        f"    engine/raw: median per-round ratio {per_round:.3f}, ratio of medians "
        f"{ratio_of_medians:.3f} (goal >= 0.98); engine overhead {overhead_us:.2f} us/token "
        f"(median per round) over a raw {raw_us:.1f} us/token"
    )


def _fmt(values: list[float]) -> str:
    return " ".join(f"{value:.0f}" for value in values)


def time_to_first_token(session: Session, prompt: list[int]) -> None:
    times = []
    for seed in range(5):
        session.forget()
        done = _last(session.generate(prompt, sampling=SamplingOptions(seed=seed, max_tokens=4)))
        times.append(done.stats.time_to_first_token_s)
    print(
        f"time to first token, cold {len(prompt)}-token prompt: "
        f"median {statistics.median(times) * 1000:.1f} ms"
    )


def cancel_latency(
    session: Session, prompt: list[int], *, during: str, delays_ms: list[int]
) -> None:
    latencies = []
    for delay in delays_ms:
        session.forget()
        cancel = CancelFlag()
        fired: list[float] = []
        timer = threading.Timer(delay / 1000, _fire, args=(cancel, fired))
        options = SamplingOptions(seed=1, max_tokens=3000)
        events = session.generate(prompt, sampling=options, cancel=cancel)
        started = during == "prompt"
        if started:
            timer.start()
        done = _consume(events, timer if not started else None)
        ended = time.perf_counter()
        if done.finish_reason is FinishReason.CANCELLED and fired:
            latencies.append((ended - fired[0]) * 1000)
    if latencies:
        print(
            f"cancel latency during {during}: median {statistics.median(latencies):.2f} ms, "
            f"max {max(latencies):.2f} ms over {len(latencies)} cancels (goal < 200 ms)"
        )
    else:
        print(f"cancel latency during {during}: no cancel landed (runs ended first)")


def _fire(cancel: CancelFlag, fired: list[float]) -> None:
    cancel.set()
    fired.append(time.perf_counter())


def _consume(events: object, start_on_first_token: threading.Timer | None) -> Done:
    event: GenerationEvent
    for event in events:  # type: ignore[attr-defined]
        if start_on_first_token is not None and not isinstance(event, PromptProgress):
            start_on_first_token.start()
            start_on_first_token = None
        if isinstance(event, Done):
            return event
    raise AssertionError("no Done")


def prefix_reuse(session: Session, prompt: list[int]) -> None:
    session.forget()
    cold = _last(session.generate(prompt, sampling=SamplingOptions(seed=1, max_tokens=2)))
    warm = _last(session.generate(prompt, sampling=SamplingOptions(seed=1, max_tokens=2)))
    cold_s, warm_s = cold.stats.time_to_first_token_s, warm.stats.time_to_first_token_s
    print(
        f"prefix reuse, {len(prompt)}-token prompt: cold first token {cold_s * 1000:.1f} ms "
        f"({cold.stats.evaluated_prompt_tokens} evaluated), regenerate {warm_s * 1000:.2f} ms "
        f"({warm.stats.evaluated_prompt_tokens} evaluated): {cold_s / warm_s:.0f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--threads", type=int, default=1, help="llama.cpp threads (1: steadiest)")
    args = parser.parse_args()
    import logging

    route_llama_logs_to(logging.getLogger("bench.llama"))
    with tempfile.TemporaryDirectory() as scratch:
        path = build_tiny_model(Path(scratch) / "tiny.gguf")
        plan = plan_for_file(path, n_ctx=4096)
        options = ContextOptions(n_threads=args.threads)
        with load_model(path, plan=plan, options=options) as model:
            session = Session(model, output_reserve=256)
            print(
                f"tiny gpt-oss model, {plan.placement.value}, n_ctx {model.n_ctx}, "
                f"n_batch {model.n_batch}, {args.threads} thread(s)"
            )
            short = prompt_ids(model)
            long = prompt_ids(model, repeat=40)[:3600]
            decode_ratio(session, short, rounds=args.rounds, n=args.tokens)
            time_to_first_token(session, short)
            cancel_latency(session, long, during="prompt", delays_ms=[20, 60, 120, 250, 400])
            cancel_latency(session, short, during="generation", delays_ms=[5, 10, 20, 30, 50])
            prefix_reuse(session, long)


if __name__ == "__main__":
    main()
