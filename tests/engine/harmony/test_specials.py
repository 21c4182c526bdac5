"""Special-token lookup: ids come from the vocabulary, and a vocabulary that
cannot speak harmony is refused with a clinician-safe message."""

from __future__ import annotations

import pytest

from engine.errors import UnsupportedModelError
from engine.harmony import (
    Channel,
    Done,
    FinishReason,
    HarmonySpecials,
    HarmonyStreamParser,
    stop_token_ids,
)
from tests.engine.harmony.bytecodec import ByteCodec
from tests.engine.harmony.streams import channel_text


class CodecWithout(ByteCodec):
    def __init__(self, missing: str) -> None:
        super().__init__()
        self._missing = missing

    def special_id(self, text: str) -> int:
        if text == self._missing:
            raise KeyError(text)
        return super().special_id(text)


def test_stop_ids_are_return_and_call_looked_up_by_text() -> None:
    codec = ByteCodec()
    assert stop_token_ids(codec) == (codec.special_id("<|return|>"), codec.special_id("<|call|>"))


def test_vocabulary_without_end_token_is_refused() -> None:
    with pytest.raises(UnsupportedModelError) as caught:
        HarmonySpecials.from_codec(CodecWithout("<|end|>"))
    assert caught.value.user_message == "This model does not use the harmony format gpt-oss needs."
    assert "<|end|>" in str(caught.value)


def test_constrain_token_is_optional() -> None:
    codec = CodecWithout("<|constrain|>")
    assert HarmonySpecials.from_codec(codec).constrain is None
    parser = HarmonyStreamParser(codec)
    events = parser.feed_many(codec.tokens("<|channel|>final<|message|>ok<|return|>"))
    assert channel_text(events, Channel.FINAL) == "ok"
    assert events[-1] == Done(FinishReason.RETURN)
