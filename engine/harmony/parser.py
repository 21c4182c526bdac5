"""Streaming harmony parser: sampled token ids in, channel events out.

gpt-oss answers as `<|channel|>analysis<|message|>…<|end|><|start|>assistant
<|channel|>final<|message|>…<|return|>`.  The parser follows that grammar one
token at a time so the UI can stream the draft while it is written, and it
never trusts the model: a broken header, a missing channel, stray text or a
nested `<|start|>` produce a `ParseIssue` and a recovery, never an exception,
and nothing of doubtful origin is labelled `final`.  Special tokens are
recognised by id and never turned into text.  Bytes are decoded incrementally
so a character split across tokens is emitted only once it is whole.

`feed` runs once per sampled token, so the common case (plain text inside an
open message) is a dictionary look-up: each token's standalone decoding is
remembered per vocabulary, and the incremental decoder is only consulted
while a character is split across tokens.

The prompt ends with `<|start|>assistant`, so a parser starts inside that
header by default.
"""

from __future__ import annotations

from codecs import utf_8_decode
from collections.abc import Iterable
from enum import Enum, auto
from weakref import WeakKeyDictionary

from engine.codec import TokenCodec
from engine.harmony.events import (
    Channel,
    ChannelDelta,
    Done,
    Event,
    FinishReason,
    MessageEnd,
    MessageStart,
    ParseIssue,
)
from engine.harmony.header import HeaderBuffer, parse_header
from engine.harmony.specials import HarmonySpecials

MAX_HEADER_BYTES = 512

# token id -> (whole characters, trailing bytes of a split character, all its
# bytes) for text tokens, None for special tokens; shared by every parser on
# the same codec.
_Piece = tuple[str, bytes, bytes]
_Pieces = dict[int, _Piece | None]
_PIECES_BY_CODEC: WeakKeyDictionary[TokenCodec, _Pieces] = WeakKeyDictionary()
_UNSEEN = ("", b"", b"")


class _State(Enum):
    HEADER = auto()
    CONTENT = auto()
    BETWEEN = auto()
    DONE = auto()


class HarmonyStreamParser:
    """Feed token ids with `feed`; call `finish` when generation stops for a
    reason the stream itself did not say (length, cancel).  `Done` is always
    the last event and appears exactly once."""

    def __init__(self, codec: TokenCodec, *, start_role: str | None = "assistant") -> None:
        self._codec = codec
        self._specials = HarmonySpecials.from_codec(codec)
        self._pieces = _pieces_for(codec)
        self._pending = b""  # the start of a character split across tokens
        self._channel = Channel.OTHER
        self._stray_reported = False
        self._header = HeaderBuffer.for_role(start_role or "")
        self._state = _State.HEADER if start_role is not None else _State.BETWEEN

    @property
    def done(self) -> bool:
        return self._state is _State.DONE

    @property
    def channel(self) -> Channel:
        """The channel of the open message (or of the last one)."""
        return self._channel

    def feed(self, token_id: int) -> list[Event]:
        state = self._state
        if state is _State.DONE:
            return []
        piece = self._pieces.get(token_id, _UNSEEN)
        if piece is _UNSEEN:
            piece = self._learn(token_id)
        if piece is None:
            return self._on_special(token_id)
        if state is _State.CONTENT:
            if self._pending:
                text = self._decode(piece[2])
            else:
                text, self._pending, _ = piece
            return [ChannelDelta(self._channel, text)] if text else []
        if state is _State.HEADER:
            return self._on_header_text(piece[2])
        return [] if self._stray_reported else self._on_stray_text()

    def feed_text(self, token_id: int) -> str | None:
        """The per-token fast path for streaming loops.

        If `token_id` is plain text inside an open message, consume it and
        return the whole characters it completes ('' while a character is
        still split): the text of the `ChannelDelta` on `channel` that `feed`
        would return.  Otherwise consume nothing and return None; `feed` then
        handles the token."""
        if self._state is not _State.CONTENT:
            return None
        piece = self._pieces.get(token_id, _UNSEEN)
        if piece is _UNSEEN:
            piece = self._learn(token_id)
        if piece is None:
            return None
        if self._pending:
            return self._decode(piece[2])
        text, self._pending, _ = piece
        return text

    def feed_many(self, token_ids: Iterable[int]) -> list[Event]:
        events: list[Event] = []
        for token_id in token_ids:
            events.extend(self.feed(token_id))
        return events

    def finish(self, reason: FinishReason) -> list[Event]:
        """End the stream: flush any partial character (as U+FFFD), close an
        open message and emit `Done(reason)`.  A no-op after `Done`."""
        if self._state is _State.DONE:
            return []
        events = self._close_message() if self._state is _State.CONTENT else []
        return self._done(events, reason)

    # -- text ---------------------------------------------------------------

    def _learn(self, token_id: int) -> _Piece | None:
        piece = None
        if not self._codec.is_special(token_id):
            data = self._codec.token_bytes(token_id)
            text, used = utf_8_decode(data, "replace", False)
            piece = (text, data[used:], data)
        self._pieces[token_id] = piece
        return piece

    def _decode(self, data: bytes, *, final: bool = False) -> str:
        """What `codecs`' incremental UTF-8 decoder (errors="replace") returns."""
        data = self._pending + data
        text, used = utf_8_decode(data, "replace", final)
        self._pending = data[used:]
        return text

    def _on_header_text(self, data: bytes) -> list[Event]:
        self._header.add_text(data)
        if self._header.size() <= MAX_HEADER_BYTES:
            return []
        self._state = _State.BETWEEN
        self._stray_reported = True
        return [ParseIssue("message header too long; dropped until the next <|start|>")]

    def _on_stray_text(self) -> list[Event]:
        if self._stray_reported:
            return []
        self._stray_reported = True
        return [ParseIssue("text outside a message dropped")]

    # -- special tokens -------------------------------------------------------

    def _on_special(self, token_id: int) -> list[Event]:
        if self._state is _State.CONTENT:
            return self._special_in_content(token_id)
        if self._state is _State.HEADER:
            return self._special_in_header(token_id)
        return self._special_between(token_id)

    def _special_in_content(self, token_id: int) -> list[Event]:
        s = self._specials
        if token_id == s.end:
            events = self._close_message()
            self._enter_between()
            return events
        if token_id in s.stop_ids:
            return self._done(self._close_message(), self._stop_reason(token_id))
        if token_id == s.start:
            issue = ParseIssue("<|start|> inside an open message; message closed")
            return [issue, *self._close_message(), *self._begin_header(role="")]
        if token_id == s.channel:
            issue = ParseIssue("<|channel|> inside an open message; new message assumed")
            return [issue, *self._close_message(), *self._begin_header_at_channel()]
        return [self._dropped(token_id, "inside a message")]

    def _special_in_header(self, token_id: int) -> list[Event]:
        s = self._specials
        if token_id == s.channel:
            self._header.add_channel_marker()
            return []
        if token_id == s.constrain:
            return []  # content type marker: the text after it is not needed
        if token_id == s.message:
            return self._open_message()
        if token_id == s.start:
            issue = ParseIssue("nested <|start|> in a message header; header restarted")
            return [issue, *self._begin_header(role="")]
        if token_id == s.end:
            self._enter_between()
            return [ParseIssue("<|end|> before <|message|>; header dropped")]
        if token_id in s.stop_ids:
            issue = ParseIssue("stop token before <|message|>; header dropped")
            return self._done([issue], self._stop_reason(token_id))
        return [self._dropped(token_id, "in a message header")]

    def _special_between(self, token_id: int) -> list[Event]:
        s = self._specials
        if token_id == s.start:
            return self._begin_header(role="")
        if token_id in s.stop_ids:
            return self._done([], self._stop_reason(token_id))
        if token_id == s.channel:
            issue = ParseIssue("<|channel|> without <|start|>; assistant header assumed")
            return [issue, *self._begin_header_at_channel()]
        if token_id == s.message:
            self._header = HeaderBuffer()
            return self._open_message()
        return [self._dropped(token_id, "between messages")]

    # -- transitions ------------------------------------------------------------

    def _begin_header(self, *, role: str) -> list[Event]:
        self._header = HeaderBuffer.for_role(role)
        self._state = _State.HEADER
        return []

    def _begin_header_at_channel(self) -> list[Event]:
        self._begin_header(role="assistant")
        self._header.add_channel_marker()
        return []

    def _open_message(self) -> list[Event]:
        parsed = parse_header(self._header)
        self._channel = parsed.channel
        self._state = _State.CONTENT
        self._pending = b""
        issues: list[Event] = [ParseIssue(problem) for problem in parsed.problems]
        return [*issues, MessageStart(parsed.channel, parsed.channel_name, parsed.recipient)]

    def _close_message(self) -> list[Event]:
        tail = self._decode(b"", final=True)
        self._pending = b""
        events: list[Event] = [ChannelDelta(self._channel, tail)] if tail else []
        events.append(MessageEnd(self._channel))
        return events

    def _enter_between(self) -> None:
        self._state = _State.BETWEEN
        self._stray_reported = False

    def _done(self, events: list[Event], reason: FinishReason) -> list[Event]:
        self._state = _State.DONE
        return [*events, Done(reason)]

    def _stop_reason(self, token_id: int) -> FinishReason:
        return FinishReason.RETURN if token_id == self._specials.return_ else FinishReason.CALL

    def _dropped(self, token_id: int, where: str) -> ParseIssue:
        name = self._codec.token_bytes(token_id).decode("utf-8", errors="replace")
        return ParseIssue(f"unexpected special token {name} {where}; dropped")


def _pieces_for(codec: TokenCodec) -> _Pieces:
    """The shared piece cache of `codec` (a private one if it cannot be a weak key)."""
    try:
        return _PIECES_BY_CODEC.setdefault(codec, {})
    except TypeError:
        return {}
