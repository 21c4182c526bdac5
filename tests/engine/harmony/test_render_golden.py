"""The rendered prompt, byte for byte, against golden files and against the
official openai/harmony documentation."""

from __future__ import annotations

import os

import pytest

from engine.conversation import Conversation, Effort, Role, Turn
from engine.harmony.render import render_text, render_tokens
from tests.engine.harmony.bytecodec import ByteCodec
from tests.engine.harmony.cases import CASES, DATE, INJECTION_NOTE, golden_path

REGENERATE = os.environ.get("ENCLAVE_REGEN_GOLDEN") == "1"

# Copied from openai/harmony docs/format.md and src/tests.rs (the tool-free
# form: no "Calls to these tools…" line and no "# Tools" section).
OFFICIAL_REFERENCE = (
    "<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n"
    "Knowledge cutoff: 2024-06\nCurrent date: 2025-06-28\n\nReasoning: high\n\n"
    "# Valid channels: analysis, commentary, final. Channel must be included for every message."
    "<|end|><|start|>developer<|message|># Instructions\n\nAlways respond in riddles<|end|>"
    "<|start|>user<|message|>What is the weather like in SF?<|end|><|start|>assistant"
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_golden_file(name: str) -> None:
    rendered = render_text(CASES[name]).encode("utf-8")
    path = golden_path(name)
    if REGENERATE:
        path.write_bytes(rendered)
        pytest.skip(f"regenerated {path.name}")
    assert rendered == path.read_bytes()


def test_rendering_matches_the_official_harmony_reference() -> None:
    conversation = Conversation(
        instructions="Always respond in riddles",
        turns=(Turn(Role.USER, "What is the weather like in SF?"),),
        effort=Effort.HIGH,
        current_date=DATE,
    )
    assert render_text(conversation) == OFFICIAL_REFERENCE


def test_earlier_assistant_turn_is_rendered_as_its_final_message_only() -> None:
    text = render_text(CASES["multi_turn_dropped_analysis"])
    assert "<|start|>assistant<|channel|>final<|message|>S: Better sleep." in text
    assert "analysis<|message|>" not in text
    assert text.endswith("Make the plan more specific.<|end|><|start|>assistant")


@pytest.mark.parametrize("effort", list(Effort))
def test_effort_line_follows_the_date_after_a_blank_line(effort: Effort) -> None:
    conversation = Conversation(
        instructions="x", turns=(Turn(Role.USER, "y"),), effort=effort, current_date=DATE
    )
    assert f"Current date: 2025-06-28\n\nReasoning: {effort.value}\n\n# Valid" in render_text(
        conversation
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_token_ids_spell_exactly_the_rendered_text(name: str) -> None:
    codec = ByteCodec()
    ids = render_tokens(CASES[name], codec)
    assert b"".join(codec.token_bytes(i) for i in ids) == render_text(CASES[name]).encode()


def test_injected_markup_is_plain_text_in_token_ids() -> None:
    codec = ByteCodec()
    ids = render_tokens(CASES["injection"], codec)
    specials = [codec.token_bytes(i).decode() for i in ids if codec.is_special(i)]
    # system, developer, user, then the trailing assistant header: nothing more.
    assert specials == ["<|start|>", "<|message|>", "<|end|>"] * 3 + ["<|start|>"]
    assert INJECTION_NOTE.encode() in bytes(i for i in ids if not codec.is_special(i))
