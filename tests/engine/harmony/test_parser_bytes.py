"""Parser behaviour on exact token streams (one token per byte, so characters
can be split at every possible boundary)."""

from __future__ import annotations

import pytest

from engine.harmony import (
    Channel,
    ChannelDelta,
    Done,
    Event,
    FinishReason,
    HarmonyStreamParser,
    MessageEnd,
    MessageStart,
)
from tests.engine.harmony.bytecodec import ByteCodec
from tests.engine.harmony.streams import assert_well_formed, channel_text, issues

CODEC = ByteCodec()
WELL_FORMED = (
    "<|channel|>analysis<|message|>Pt denies pain.<|end|>"
    "<|start|>assistant<|channel|>final<|message|>S: no pain.<|return|>"
)
THEN_FINAL_D = "<|start|>assistant<|channel|>final<|message|>D<|return|>"


def parse(harmony: str, *, finish: FinishReason = FinishReason.LENGTH) -> list[Event]:
    parser = HarmonyStreamParser(CODEC)
    return parser.feed_many(CODEC.tokens(harmony)) + parser.finish(finish)


def test_well_formed_output_splits_analysis_from_final() -> None:
    events = parse(WELL_FORMED)
    assert_well_formed(events)
    assert channel_text(events, Channel.ANALYSIS) == "Pt denies pain."
    assert channel_text(events, Channel.FINAL) == "S: no pain."
    assert events[-1] == Done(FinishReason.RETURN)
    assert issues(events) == []
    starts = [e for e in events if isinstance(e, MessageStart)]
    assert [s.channel_name for s in starts] == ["analysis", "final"]


def test_emoji_split_across_tokens_is_emitted_whole_once_complete() -> None:
    parser = HarmonyStreamParser(CODEC)
    parser.feed_many(CODEC.tokens("<|channel|>final<|message|>"))
    emoji = "🩺".encode()
    partial = [event for byte in emoji[:3] for event in parser.feed(byte)]
    assert partial == []
    assert parser.feed(emoji[3]) == [ChannelDelta(Channel.FINAL, "🩺")]


@pytest.mark.parametrize("text", ["é", "€", "🩺", "a🩺b€c", "患者主诉"])
def test_every_delta_is_whole_characters(text: str) -> None:
    events = parse(f"<|channel|>final<|message|>{text}<|return|>")
    deltas = [e.text for e in events if isinstance(e, ChannelDelta)]
    assert "".join(deltas) == text
    assert all("\ufffd" not in d for d in deltas)


def test_model_that_skips_analysis_still_gives_a_draft() -> None:
    events = parse("<|channel|>final<|message|>Plan: review in 2 weeks.<|return|>")
    assert channel_text(events, Channel.FINAL) == "Plan: review in 2 weeks."
    assert channel_text(events, Channel.ANALYSIS) == ""
    assert issues(events) == []


def test_truncated_mid_character_flushes_replacement_then_done_length() -> None:
    parser = HarmonyStreamParser(CODEC)
    half_emoji = list("🩺".encode()[:2])
    events = parser.feed_many(CODEC.tokens("<|channel|>final<|message|>ok ") + half_emoji)
    events += parser.finish(FinishReason.LENGTH)
    assert_well_formed(events)
    assert channel_text(events, Channel.FINAL) == "ok \ufffd"
    assert events[-2:] == [MessageEnd(Channel.FINAL), Done(FinishReason.LENGTH)]


def test_truncated_during_analysis_gives_no_draft() -> None:
    events = parse("<|channel|>analysis<|message|>Thinking about the plan")
    assert_well_formed(events)
    assert channel_text(events, Channel.FINAL) == ""
    assert channel_text(events, Channel.ANALYSIS) == "Thinking about the plan"
    assert events[-1] == Done(FinishReason.LENGTH)


def test_cancel_and_calls_after_done_are_no_ops() -> None:
    parser = HarmonyStreamParser(CODEC)
    parser.feed_many(CODEC.tokens("<|channel|>final<|message|>Dra"))
    events = parser.finish(FinishReason.CANCELLED)
    assert events[-1] == Done(FinishReason.CANCELLED)
    assert parser.done
    assert parser.finish(FinishReason.LENGTH) == []
    assert parser.feed(CODEC.special_id("<|start|>")) == []


def test_missing_channel_is_reported_and_kept_out_of_the_draft() -> None:
    events = parse("<|message|>hidden reasoning<|end|>" + THEN_FINAL_D)
    assert_well_formed(events)
    assert "message header without <|channel|>" in issues(events)
    assert channel_text(events, Channel.OTHER) == "hidden reasoning"
    assert channel_text(events, Channel.FINAL) == "D"


def test_unknown_channel_becomes_other() -> None:
    events = parse("<|channel|>thoughts<|message|>secret<|end|>" + THEN_FINAL_D)
    assert "message header with an unknown channel" in issues(events)
    starts = [e for e in events if isinstance(e, MessageStart)]
    assert (starts[0].channel, starts[0].channel_name) == (Channel.OTHER, "thoughts")
    assert channel_text(events, Channel.FINAL) == "D"


def test_text_before_start_is_dropped_with_one_issue() -> None:
    events = parse(
        "<|channel|>analysis<|message|>a<|end|>stray words here"
        "<|start|>assistant<|channel|>final<|message|>D<|return|>"
    )
    assert issues(events) == ["text outside a message dropped"]
    assert channel_text(events, Channel.FINAL) == "D"
    assert "stray" not in "".join(e.text for e in events if isinstance(e, ChannelDelta))


def test_nested_start_in_header_recovers() -> None:
    events = parse("<|channel|>fin<|start|>assistant<|channel|>final<|message|>D<|return|>")
    assert any("nested <|start|>" in issue for issue in issues(events))
    assert channel_text(events, Channel.FINAL) == "D"


def test_start_inside_analysis_closes_it_without_leaking() -> None:
    events = parse(
        "<|channel|>analysis<|message|>reasoning<|start|>assistant<|channel|>final<|message|>D<|return|>"
    )
    assert_well_formed(events)
    assert any("<|start|> inside an open message" in issue for issue in issues(events))
    assert channel_text(events, Channel.FINAL) == "D"


def test_channel_token_inside_analysis_starts_a_new_message() -> None:
    events = parse("<|channel|>analysis<|message|>think<|channel|>final<|message|>D<|return|>")
    assert_well_formed(events)
    assert channel_text(events, Channel.ANALYSIS) == "think"
    assert channel_text(events, Channel.FINAL) == "D"
    assert issues(events)


def test_stray_special_tokens_never_reach_the_draft_as_text() -> None:
    events = parse(
        "<|channel|>final<|message|>A<|constrain|>B<|endoftext|>C<|message|>D<|reserved_200013|>E<|return|>"
    )
    assert channel_text(events, Channel.FINAL) == "ABCDE"
    assert len(issues(events)) == 4


def test_non_assistant_role_is_not_a_draft() -> None:
    events = parse("<|end|><|start|>user<|channel|>final<|message|>fake user turn<|end|>")
    assert channel_text(events, Channel.FINAL) == ""
    assert channel_text(events, Channel.OTHER) == "fake user turn"


def test_tool_call_header_gives_recipient_and_call_reason() -> None:
    events = parse(
        "<|channel|>analysis<|message|>need a lookup<|end|>"
        "<|start|>assistant to=functions.lookup<|channel|>commentary <|constrain|>json"
        "<|message|>{}<|call|>"
    )
    starts = [e for e in events if isinstance(e, MessageStart)]
    assert starts[-1] == MessageStart(Channel.COMMENTARY, "commentary", "functions.lookup")
    assert channel_text(events, Channel.COMMENTARY) == "{}"
    assert events[-1] == Done(FinishReason.CALL)


def test_endless_header_is_cut_off() -> None:
    events = parse("<|channel|>" + "x" * 2000 + "<|message|>should not be a message<|return|>")
    assert_well_formed(events)
    assert any("too long" in issue for issue in issues(events))
    assert channel_text(events, Channel.FINAL) == ""
    assert channel_text(events, Channel.OTHER) == "should not be a message"


def test_stop_token_in_header_finishes() -> None:
    events = parse("<|channel|>final<|return|>")
    assert events[-1] == Done(FinishReason.RETURN)
    assert issues(events)
