"""Whatever tokens arrive, the parser neither raises nor lets reasoning into
the draft.  Random id sequences over the whole vocabulary (specials drawn
often, since they are what break formats), on a byte codec and on the tiny
model's real vocabulary."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.codec import TokenCodec
from engine.harmony import Channel, FinishReason, HarmonyStreamParser
from engine.vocab import Vocabulary
from tests.engine.harmony.bytecodec import SPECIALS, ByteCodec
from tests.engine.harmony.streams import assert_well_formed, channel_text

SENTINEL = "SENTINEL-ANALYSIS-7Q"
PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# Header words make well-formed and half-formed headers likely, so the search
# reaches states such as "inside a final header" that pure noise rarely does.
HEADER_WORDS = ("assistant", "final", "analysis", "commentary", "user", " to=functions.x", " json")


def token_lists(codec: TokenCodec, vocab_size: int) -> st.SearchStrategy[list[int]]:
    special_ids = [i for i in range(vocab_size) if codec.is_special(i)]
    any_token = st.integers(min_value=0, max_value=vocab_size - 1).map(lambda i: [i])
    special = st.sampled_from(special_ids).map(lambda i: [i])
    word = st.sampled_from(HEADER_WORDS).map(codec.encode_text)
    chunks = st.lists(st.one_of(any_token, special, word), max_size=80)
    return chunks.map(lambda parts: [token for part in parts for token in part])


def check_never_raises_and_well_formed(
    codec: TokenCodec, tokens: list[int], reason: FinishReason
) -> None:
    parser = HarmonyStreamParser(codec)
    events = parser.feed_many(tokens) + parser.finish(reason)
    assert_well_formed(events)


def check_analysis_never_reaches_final(
    codec: TokenCodec, prefix: list[int], suffix: list[int]
) -> None:
    analysis = [codec.special_id("<|channel|>"), *codec.encode_text("analysis")]
    analysis += [codec.special_id("<|message|>"), *codec.encode_text(SENTINEL)]
    parser = HarmonyStreamParser(codec)
    events = parser.feed_many([*prefix, *analysis, *suffix]) + parser.finish(FinishReason.LENGTH)
    assert_well_formed(events)
    assert "SENTINEL" not in channel_text(events, Channel.FINAL)


BYTES = ByteCodec()
BYTE_TOKENS = token_lists(BYTES, 256 + len(SPECIALS))


@PROPERTY_SETTINGS
@given(tokens=BYTE_TOKENS, reason=st.sampled_from(FinishReason))
def test_byte_streams_never_raise(tokens: list[int], reason: FinishReason) -> None:
    check_never_raises_and_well_formed(BYTES, tokens, reason)


@PROPERTY_SETTINGS
@given(prefix=BYTE_TOKENS, suffix=BYTE_TOKENS)
def test_byte_streams_never_leak_analysis(prefix: list[int], suffix: list[int]) -> None:
    check_analysis_never_reaches_final(BYTES, prefix, suffix)


@PROPERTY_SETTINGS
@given(data=st.data(), reason=st.sampled_from(FinishReason))
def test_tiny_vocab_streams_never_raise(
    tiny_vocab: Vocabulary, tiny_vocab_size: int, data: st.DataObject, reason: FinishReason
) -> None:
    tokens = data.draw(token_lists(tiny_vocab, tiny_vocab_size))
    check_never_raises_and_well_formed(tiny_vocab, tokens, reason)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_tiny_vocab_streams_never_leak_analysis(
    tiny_vocab: Vocabulary, tiny_vocab_size: int, data: st.DataObject
) -> None:
    strategy = token_lists(tiny_vocab, tiny_vocab_size)
    check_analysis_never_reaches_final(tiny_vocab, data.draw(strategy), data.draw(strategy))
