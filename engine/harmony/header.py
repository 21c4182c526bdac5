"""Reading a message header the model wrote, tolerantly.

A header is what lies between `<|start|>` and `<|message|>`:
`assistant[ to=R]<|channel|>NAME[ to=R][ <|constrain|>TYPE]`.  The parser
collects it as text pieces and markers; this module turns that into a
channel decision plus a list of problems.  Anything doubtful becomes
`Channel.OTHER`, because a wrong guess must never put reasoning in a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.harmony.events import Channel

_KNOWN_CHANNELS = {
    channel.value: channel for channel in (Channel.ANALYSIS, Channel.COMMENTARY, Channel.FINAL)
}


@dataclass
class HeaderBuffer:
    """Raw header bytes, split into segments at each `<|channel|>` token."""

    segments: list[bytearray] = field(default_factory=lambda: [bytearray()])
    # kept up to date by `add_text`: `size()` is asked once per header token
    _size: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._size = sum(len(segment) for segment in self.segments)

    @classmethod
    def for_role(cls, role: str) -> HeaderBuffer:
        return cls(segments=[bytearray(role.encode())])

    def add_text(self, data: bytes) -> None:
        self.segments[-1].extend(data)
        self._size += len(data)

    def add_channel_marker(self) -> None:
        self.segments.append(bytearray())

    def size(self) -> int:
        return self._size


@dataclass(frozen=True)
class ParsedHeader:
    channel: Channel
    channel_name: str
    recipient: str | None
    problems: tuple[str, ...]


def parse_header(header: HeaderBuffer) -> ParsedHeader:
    """Decide the channel of a completed header and note what was wrong with it."""
    problems: list[str] = []
    role_words = _words(header.segments[0])
    role = role_words[0] if role_words else ""
    recipient = _recipient(role_words)
    if role != "assistant":
        problems.append("message header without the assistant role")
    if len(header.segments) == 1:
        problems.append("message header without <|channel|>")
        return ParsedHeader(Channel.OTHER, "", recipient, tuple(problems))
    if len(header.segments) > 2:
        problems.append("message header with more than one <|channel|>")
    channel_words = _words(header.segments[1])
    channel_name = channel_words[0] if channel_words else ""
    recipient = recipient or _recipient(channel_words[1:])
    channel = _KNOWN_CHANNELS.get(channel_name, Channel.OTHER)
    if channel_name not in _KNOWN_CHANNELS:
        problems.append("message header with an unknown channel")
    if problems:
        channel = Channel.OTHER
    return ParsedHeader(channel, channel_name, recipient, tuple(problems))


def _words(segment: bytearray) -> list[str]:
    return bytes(segment).decode("utf-8", errors="replace").split()


def _recipient(words: list[str]) -> str | None:
    for word in words:
        if word.startswith("to=") and len(word) > 3:
            return word[3:]
    return None
