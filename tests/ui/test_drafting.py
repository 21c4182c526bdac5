"""Drafting through the controller with the real engine on the tiny models:
the harmony-steered model writes its own headers, so the stream arrives in
batches with the model's reasoning and its draft kept apart by the app's own
parser; Stop ends a generation both while the prompt is being read and while
text streams (on the random model pre-opened on final, which never stops)."""

from __future__ import annotations

import datetime as dt

from app.ui.backend.engine_side import RealEngine
from app.ui.controllers.drafting import DraftController, DraftOutcome
from app.writing.prompt import build_conversation
from app.writing.templates import load_bundled_templates
from engine.conversation import Effort
from engine.runtime.events import FinishReason
from engine.runtime.sampling import SamplingOptions

NOTES = "Pt seen for follow-up. Sleeping better on sertraline 50 mg."
LONG_SEED = 2
THINKING_SEED = 7  # the steered model thinks (analysis), then answers (final)
DIRECT_SEED = 0  # the steered model answers straight away


def conversation(notes: str = NOTES):  # type: ignore[no-untyped-def]
    template = load_bundled_templates()[0]
    return build_conversation(
        template, [notes], effort=Effort.LOW, current_date=dt.date(2025, 1, 1)
    )


def run_draft(qtbot, engine: RealEngine, conv, *, stop_when=None) -> tuple[DraftOutcome, dict]:  # type: ignore[no-untyped-def]
    controller = DraftController()
    seen: dict[str, list] = {"draft": [], "reasoning": [], "progress": []}
    controller.draft_text.connect(seen["draft"].append)
    controller.reasoning_text.connect(seen["reasoning"].append)
    controller.prompt_progress.connect(lambda d, t: seen["progress"].append((d, t)))
    if stop_when is not None:
        stop_when(controller)
    with qtbot.waitSignal(controller.finished, timeout=120_000) as blocker:
        controller.start(lambda cancel: engine.generate(conv, cancel))
    return blocker.args[0], seen


def test_model_written_final_streams_into_the_draft(qtbot, loaded_engine: RealEngine) -> None:
    loaded_engine.sampling = SamplingOptions(seed=DIRECT_SEED, max_tokens=2000)
    outcome, seen = run_draft(qtbot, loaded_engine, conversation())
    assert outcome.finish_reason is FinishReason.RETURN
    assert outcome.stats is not None and outcome.stats.generated_tokens < 2000
    assert len(seen["draft"]) >= 1
    assert "".join(seen["draft"]) == outcome.final_text != ""
    assert seen["reasoning"] == []
    assert seen["progress"][-1][0] == seen["progress"][-1][1] == outcome.stats.prompt_tokens


def test_analysis_never_reaches_the_draft(qtbot, loaded_engine: RealEngine) -> None:
    loaded_engine.sampling = SamplingOptions(seed=THINKING_SEED, max_tokens=2000)
    outcome, seen = run_draft(qtbot, loaded_engine, conversation())
    reasoning, draft = "".join(seen["reasoning"]), "".join(seen["draft"])
    assert outcome.finish_reason is FinishReason.RETURN
    assert reasoning.strip() and draft.strip(), "the model thought, then answered"
    assert draft == outcome.final_text
    assert reasoning not in draft and draft not in reasoning


def test_stop_mid_generation(qtbot, streaming_engine: RealEngine) -> None:
    streaming_engine.sampling = SamplingOptions(seed=LONG_SEED, max_tokens=3000)

    def stop_on_first_text(controller: DraftController) -> None:
        controller.draft_text.connect(lambda _t: controller.stop())

    outcome, seen = run_draft(qtbot, streaming_engine, conversation(), stop_when=stop_on_first_text)
    assert outcome.finish_reason is FinishReason.CANCELLED
    assert seen["draft"], "text streamed before the stop"


def test_stop_mid_prompt(qtbot, loaded_engine: RealEngine) -> None:
    loaded_engine.sampling = SamplingOptions(seed=DIRECT_SEED, max_tokens=200)
    long_notes = "Patient reports improved sleep, mood 6/10, sertraline 50 mg daily. " * 100

    def stop_on_progress(controller: DraftController) -> None:
        controller.prompt_progress.connect(lambda done, total: controller.stop())

    outcome, seen = run_draft(
        qtbot, loaded_engine, conversation(long_notes), stop_when=stop_on_progress
    )
    assert outcome.finish_reason is FinishReason.CANCELLED
    assert seen["draft"] == []
    done, total = seen["progress"][-1]
    assert done < total
