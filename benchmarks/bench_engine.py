"""Engine figures on the tiny gpt-oss model, measured side by side in one run.

    .venv/bin/python benchmarks/bench_engine.py [--rounds 7] [--tokens 256]

- decode tokens/s of the engine (parser, events, cancel checks included)
  divided by a raw llama-cpp-python token loop (low-level API: sample with the
  same sampler chain, decode one token) on the same model, context, prompt,
  seed and token count, in alternating rounds; goal >= 0.98;
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


def engine_decode_rate(
    session: Session, prompt: list[int], *, seed: int, n: int
) -> tuple[float, int]:
    session.forget()
    options = SamplingOptions(seed=seed, max_tokens=n)
    done = _last(session.generate(prompt, sampling=options))
    return done.stats.generation_tokens_per_s, done.stats.generated_tokens


def raw_decode_rate(
    model: LoadedModel, prompt: list[int], *, seed: int, n: int
) -> tuple[float, int]:
    """What a careful hand-written llama-cpp-python loop does, nothing more."""
    context = model.live_context
    llc.llama_memory_clear(llc.llama_get_memory(context), True)
    stops = {model.codec.special_id("<|return|>"), model.codec.special_id("<|call|>")}
    params = llc.llama_sampler_chain_default_params()
    sampler = llc.llama_sampler_chain_init(params)
    llc.llama_sampler_chain_add(sampler, llc.llama_sampler_init_temp(1.0))
    llc.llama_sampler_chain_add(sampler, llc.llama_sampler_init_dist(seed))
    for start in range(0, len(prompt), model.n_batch):
        chunk = prompt[start : start + model.n_batch]
        array = (llc.llama_token * len(chunk))(*chunk)
        assert llc.llama_decode(context, llc.llama_batch_get_one(array, len(chunk))) == 0
    one = (llc.llama_token * 1)()
    batch = llc.llama_batch_get_one(one, 1)
    began = time.perf_counter()
    count = 0
    for _ in range(n):
        token = llc.llama_sampler_sample(sampler, context, -1)
        count += 1
        if token in stops:
            break
        one[0] = token
        if llc.llama_decode(context, batch) != 0:
            raise RuntimeError("raw decode failed")
    elapsed = time.perf_counter() - began
    llc.llama_sampler_free(sampler)
    return count / elapsed, count


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
    seed = long_running_seed(session, prompt, n)
    engine_rates, raw_rates = [], []
    for round_index in range(rounds):
        order = (True, False) if round_index % 2 == 0 else (False, True)
        for engine_first in order:
            if engine_first:
                rate, count = engine_decode_rate(session, prompt, seed=seed, n=n)
                engine_rates.append(rate)
            else:
                rate, count = raw_decode_rate(session.model, prompt, seed=seed, n=n)
                raw_rates.append(rate)
            assert count == n, count
    engine, raw = statistics.median(engine_rates), statistics.median(raw_rates)
    per_round = statistics.median(e / r for e, r in zip(engine_rates, raw_rates, strict=True))
    print(f"decode, {n} tokens x {rounds} alternating rounds (seed {seed}):")
    print(f"  engine  median {engine:9.1f} tok/s   all: {_fmt(engine_rates)}")
    print(f"  raw     median {raw:9.1f} tok/s   all: {_fmt(raw_rates)}")
    print(
        f"  engine/raw ratio of medians {engine / raw:.3f}, "
        f"median per-round ratio {per_round:.3f} (goal >= 0.98)"
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
    parser.add_argument("--rounds", type=int, default=7)
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
