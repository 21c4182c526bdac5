"""The harmony-steered tiny model drives the app's own channel path end to end.

Nothing here pre-opens a message: the prompt is a rendered drafting
conversation ending in `<|start|>assistant`, and llama.cpp's forward pass on
the steered weights decides whether to think first (analysis) and when to
answer (final).  So these runs exercise what the random model never could:
the model writing headers, the parser reading them, the runtime routing text
by channel.  The raw sampled tokens (the session's cache) are an independent
record to check the routing against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import llama_cpp
import pytest

from app.writing.prompt import build_conversation
from app.writing.templates import bundled_template
from engine.conversation import Effort
from engine.harmony.render import render_tokens
from engine.modelfile import inspect_model
from engine.runtime.events import AnalysisDelta, Done, FinalDelta, FinishReason, GenerationEvent
from engine.runtime.loader import LoadedModel, load_model
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session
from engine.vocab import Vocabulary
from tests.engine.runtime.conftest import cpu_plan
from tests.engine.test_vocab import PLAIN_CORPUS
from tests.fixtures.harmony_steering import STEERED_WHOLE_WORDS

SEEDS = range(16)
MAX_TOKENS = 600
NOTES = "Pt reviewed. BP 128/82, sleeping 6 h, sertraline 50 mg daily, mild nausea."


@dataclass(frozen=True)
class Run:
    events: list[GenerationEvent]
    generated: list[int]  # sampled ids, the stop token included

    def text(self, kind: type[AnalysisDelta] | type[FinalDelta]) -> str:
        return "".join(event.text for event in self.events if isinstance(event, kind))

    @property
    def done(self) -> Done:
        last = self.events[-1]
        assert isinstance(last, Done)
        return last


@pytest.fixture(scope="module")
def steered_loaded(steered_model_path: Path) -> Iterator[LoadedModel]:
    with load_model(steered_model_path, plan=cpu_plan()) as model:
        yield model


@pytest.fixture(scope="module")
def runs(steered_loaded: LoadedModel) -> list[Run]:
    conversation = build_conversation(
        bundled_template("soap-note"), [NOTES], effort=Effort.LOW, current_date=dt.date(2025, 1, 6)
    )
    session = Session(steered_loaded, output_reserve=MAX_TOKENS)
    prompt = render_tokens(conversation, steered_loaded.codec)
    assert steered_loaded.codec.token_bytes(prompt[-1]) == b"assistant"
    return [_run(session, prompt, seed=seed) for seed in SEEDS]


def _run(session: Session, prompt: list[int], *, seed: int) -> Run:
    sampling = SamplingOptions(seed=seed, max_tokens=MAX_TOKENS)
    events = list(session.generate(prompt, sampling=sampling))
    generated = list(session.cached_tokens[len(prompt) :])
    done = events[-1]
    if isinstance(done, Done) and done.finish_reason is FinishReason.RETURN:
        generated.append(session.model.codec.special_id("<|return|>"))  # never decoded
    return Run(events, generated)


def messages_in(generated: list[int], codec: Vocabulary) -> list[tuple[str, list[int]]]:
    """(channel, content ids) per message of a raw harmony stream: the test's own reading."""
    found: list[tuple[str, list[int]]] = []
    channel, content = "", list[int]()
    in_content = False
    for token in generated:
        if not codec.is_special(token):
            if in_content:
                content.append(token)
            else:
                channel += codec.token_bytes(token).decode()
            continue
        if in_content:
            found.append((channel, content))
        in_content = token == codec.special_id("<|message|>")
        if token == codec.special_id("<|channel|>"):
            channel, content = "", []
    if in_content:
        found.append((channel, content))
    return found


def text_on(channel: str, messages: list[tuple[str, list[int]]], codec: Vocabulary) -> str:
    return "".join(codec.decode(ids).decode() for name, ids in messages if name == channel)


def test_the_validator_and_both_tokenizers_accept_the_steered_vocabulary(
    steered_model_path: Path,
) -> None:
    inspect_model(steered_model_path)
    vocab = Vocabulary.from_gguf(steered_model_path)
    llm = llama_cpp.Llama(model_path=str(steered_model_path), vocab_only=True, verbose=False)
    try:
        for word in STEERED_WHOLE_WORDS:
            tokens = llm.tokenize(word.encode(), add_bos=False, special=False)
            assert len(tokens) == 1 and vocab.encode_text(word) == tokens
        for text in [*PLAIN_CORPUS, "assistant analysis final, finally analysed: assistants"]:
            assert vocab.encode_text(text) == llm.tokenize(
                text.encode(), add_bos=False, special=False
            )
    finally:
        llm.close()


def test_the_model_chooses_its_channels_and_finishes_by_itself(runs: list[Run]) -> None:
    with_analysis = [run for run in runs if run.text(AnalysisDelta)]
    with_final = [run for run in runs if run.text(FinalDelta)]
    assert 0 < len(with_analysis) < len(runs), "sometimes thinks first, sometimes not"
    assert len(with_final) >= len(runs) * 3 // 4
    assert any(run in with_final for run in with_analysis), "analysis, then a final answer"
    assert all(run.done.finish_reason is FinishReason.RETURN for run in runs)
    assert len({run.text(FinalDelta) for run in with_final}) == len(with_final)


def test_the_parser_routes_exactly_what_the_model_wrote(
    runs: list[Run], steered_loaded: LoadedModel
) -> None:
    codec = steered_loaded.codec
    assert isinstance(codec, Vocabulary)
    for run in runs:
        messages = messages_in(run.generated, codec)
        assert messages and {channel for channel, _ in messages} <= {"analysis", "final"}
        assert run.text(AnalysisDelta) == text_on("analysis", messages, codec)
        assert run.text(FinalDelta) == text_on("final", messages, codec)
        assert run.done.stats.generated_tokens == len(run.generated)


def test_final_text_never_contains_analysis_text(
    runs: list[Run], steered_loaded: LoadedModel
) -> None:
    """The model writes its thinking and its answer from disjoint word pools, so
    any analysis word reaching the draft would show."""
    codec = steered_loaded.codec
    assert isinstance(codec, Vocabulary)
    both = [run for run in runs if run.text(AnalysisDelta) and run.text(FinalDelta)]
    assert both
    for run in both:
        analysis, final = run.text(AnalysisDelta), run.text(FinalDelta)
        assert len(analysis) < 12 or analysis not in final
        messages = messages_in(run.generated, codec)
        thought = {t for name, ids in messages if name == "analysis" for t in ids}
        drafted = {t for name, ids in messages if name == "final" for t in ids}
        assert thought and drafted and not thought & drafted
