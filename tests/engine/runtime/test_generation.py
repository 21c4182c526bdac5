"""Generation on the tiny model: events, cancel, overflow, seeds, prefix reuse.

The tiny model's weights are random, so it never writes a harmony header on
its own; prompts here pre-open the assistant's message
(`<|start|>assistant<|channel|>final<|message|>`), the way a prefilled
prompt does, so sampled text streams as that channel.
"""

from __future__ import annotations

import threading

import pytest

from engine.conversation import Conversation, Effort, Role, Turn
from engine.errors import ContextOverflowError
from engine.harmony import render_tokens
from engine.harmony.events import FinishReason
from engine.runtime.cancel import CancelFlag
from engine.runtime.errors import GenerationBusyError
from engine.runtime.events import (
    AnalysisDelta,
    Done,
    FinalDelta,
    GenerationEvent,
    PromptProgress,
)
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import DECODE_ABORTED, Session

NOTES = "Pt seen for follow-up. BP 128/82, HR 71. Sleeping better on sertraline 50 mg; denies SI."


def prompt_for(session: Session, *, channel: str = "final", notes: str = NOTES) -> list[int]:
    codec = session.model.codec
    conversation = Conversation(
        instructions="Write a SOAP note.", turns=(Turn(Role.USER, notes),), effort=Effort.LOW
    )
    header = [codec.special_id("<|channel|>"), *codec.encode_text(channel)]
    return render_tokens(conversation, codec) + header + [codec.special_id("<|message|>")]


def run(session: Session, prompt: list[int], **sampling: int) -> list[GenerationEvent]:
    options = SamplingOptions(**{"max_tokens": 60, "seed": 11, **sampling})
    return list(session.generate(prompt, sampling=options))


def text_of(events: list[GenerationEvent], kind: type[FinalDelta] | type[AnalysisDelta]) -> str:
    return "".join(event.text for event in events if isinstance(event, kind))


def test_events_stream_progress_then_text_then_done(session: Session) -> None:
    prompt = prompt_for(session)
    events = run(session, prompt)
    assert events[0] == PromptProgress(0, len(prompt))
    assert events[1] == PromptProgress(len(prompt), len(prompt))
    done = events[-1]
    assert isinstance(done, Done)
    assert [e for e in events if isinstance(e, Done)] == [done]
    assert done.stats.prompt_tokens == len(prompt)
    assert 0 < done.stats.generated_tokens <= 60
    assert done.stats.time_to_first_token_s > 0 and done.stats.generation_tokens_per_s > 0
    assert text_of(events, FinalDelta)
    assert not any(isinstance(event, AnalysisDelta) for event in events)
    if done.finish_reason is FinishReason.LENGTH:
        assert done.stats.generated_tokens == 60


def test_analysis_channel_never_reaches_the_draft(session: Session) -> None:
    events = run(session, prompt_for(session, channel="analysis"))
    assert text_of(events, AnalysisDelta)
    assert not any(isinstance(event, FinalDelta) for event in events)


def test_same_seed_repeats_and_another_seed_differs(session: Session) -> None:
    prompt = prompt_for(session)
    first = text_of(run(session, prompt, seed=5), FinalDelta)
    session.forget()
    second = text_of(run(session, prompt, seed=5), FinalDelta)
    third = text_of(run(session, prompt, seed=6), FinalDelta)
    assert first == second
    assert first != third


def test_regenerating_evaluates_only_the_differing_suffix(session: Session) -> None:
    prompt = prompt_for(session)
    first = run(session, prompt)[-1]
    again = run(session, prompt)[-1]
    changed = prompt_for(session, channel="analysis")
    third = run(session, changed)[-1]
    assert isinstance(first, Done) and isinstance(again, Done) and isinstance(third, Done)
    assert first.stats.evaluated_prompt_tokens == len(prompt)
    assert again.stats.reused_prompt_tokens == len(prompt) - 1
    assert again.stats.evaluated_prompt_tokens == 1
    shared = next(i for i, (a, b) in enumerate(zip(prompt, changed, strict=False)) if a != b)
    assert third.stats.reused_prompt_tokens == shared
    assert third.stats.evaluated_prompt_tokens == len(changed) - shared


def test_cache_holds_the_new_prompt_after_reuse(session: Session) -> None:
    """Reuse never leaves stale tokens: the cache is the new prompt, then its output.
    (Token-for-token equality with a cold run is not expected: llama.cpp's
    batched and incremental evaluation differ in the last float bits.)"""
    run(session, prompt_for(session, channel="analysis"))
    prompt = prompt_for(session)
    done = run(session, prompt)[-1]
    assert isinstance(done, Done)
    cached = session.cached_tokens
    assert list(cached[: len(prompt)]) == prompt
    assert len(cached) - len(prompt) in (
        done.stats.generated_tokens,
        done.stats.generated_tokens - 1,
    )


def test_prompt_too_long_is_refused_up_front_with_counts(session: Session) -> None:
    long_notes = NOTES * 300
    prompt = prompt_for(session, notes=long_notes)
    with pytest.raises(ContextOverflowError) as raised:
        session.generate(prompt)
    message = raised.value.user_message
    assert f"{len(prompt):,} tokens" in message
    assert "context holds 4,096" in message
    assert session.cached_tokens == ()


def test_cancel_between_prompt_chunks_ends_with_cancelled(session: Session) -> None:
    prompt = prompt_for(session, notes=NOTES * 20)
    assert len(prompt) > 2 * session.model.n_batch
    cancel = CancelFlag()
    events: list[GenerationEvent] = []
    for event in session.generate(prompt, cancel=cancel):
        events.append(event)
        if isinstance(event, PromptProgress) and event.done > 0:
            cancel.set()
    done = events[-1]
    assert isinstance(done, Done) and done.finish_reason is FinishReason.CANCELLED
    assert done.stats.generated_tokens == 0
    assert len(session.cached_tokens) == session.model.n_batch
    assert list(session.cached_tokens) == prompt[: session.model.n_batch]


def test_abort_flag_stops_a_decode_in_progress(session: Session) -> None:
    """The C-level flag: a long decode started with the flag set returns 'aborted'
    and the cache keeps only what was finished, as a prefix of the prompt."""
    prompt = prompt_for(session, notes=NOTES * 20)[: session.model.n_batch]
    cancel = CancelFlag()
    session.arm_abort(cancel)
    cancel.set()
    assert session.decode(prompt) == DECODE_ABORTED
    assert len(session.cached_tokens) < len(prompt)
    assert list(session.cached_tokens) == prompt[: len(session.cached_tokens)]


def test_cancel_from_another_thread_mid_prompt(session: Session) -> None:
    prompt = prompt_for(session, notes=NOTES * 60)[:3500]
    cancel = CancelFlag()
    iterator = session.generate(prompt, cancel=cancel, sampling=SamplingOptions(max_tokens=10))
    first = next(iterator)
    assert first == PromptProgress(0, len(prompt))
    threading.Timer(0.01, cancel.set).start()
    rest = list(iterator)
    done = rest[-1]
    assert isinstance(done, Done) and done.finish_reason is FinishReason.CANCELLED
    assert done.stats.generated_tokens == 0


def test_cancel_mid_generation_stops_and_reports_cancelled(session: Session) -> None:
    cancel = CancelFlag()
    events: list[GenerationEvent] = []
    options = SamplingOptions(max_tokens=2000, seed=2)
    for event in session.generate(prompt_for(session), sampling=options, cancel=cancel):
        events.append(event)
        if isinstance(event, FinalDelta):
            cancel.set()
    done = events[-1]
    assert isinstance(done, Done)
    assert done.finish_reason in (FinishReason.CANCELLED, FinishReason.RETURN, FinishReason.CALL)
    if done.finish_reason is FinishReason.CANCELLED:
        assert done.stats.generated_tokens < 2000
        assert sum(isinstance(event, FinalDelta) for event in events) <= 2


def test_one_generation_at_a_time(session: Session) -> None:
    first = session.generate(prompt_for(session))
    next(first)
    with pytest.raises(GenerationBusyError):
        next(session.generate(prompt_for(session)))
    list(first)
    assert isinstance(run(session, prompt_for(session))[-1], Done)


def test_finished_generation_leaves_no_abort_callback_behind(session: Session) -> None:
    """The flag is freed after a run; a decode afterwards must not read it."""
    import gc

    run(session, prompt_for(session))
    gc.collect()
    session.forget()
    assert session.decode(prompt_for(session)[:64]) == 0
