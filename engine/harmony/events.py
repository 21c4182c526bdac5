"""What the streaming harmony parser tells its consumers.

The runtime feeds sampled token ids to `HarmonyStreamParser`; the UI and the
writing layer only ever see these small frozen events.  Keeping them plain
data (no Qt, no callbacks) lets the same stream drive the reasoning pane, the
draft editor, the CLI and the tests.  Text in a `ChannelDelta` is always whole
Unicode characters; a delta's `channel` is what its message header declared,
so analysis can be routed away from the draft by one comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Channel(StrEnum):
    """Where a message's text belongs.  Anything not declared as one of the
    three harmony channels (unknown name, missing channel, non-assistant role)
    is OTHER and must never be shown as the draft."""

    ANALYSIS = "analysis"
    COMMENTARY = "commentary"
    FINAL = "final"
    OTHER = "other"


class FinishReason(StrEnum):
    """Why generation stopped: `<|return|>`, `<|call|>`, the token budget, or the user."""

    RETURN = "return"
    CALL = "call"
    LENGTH = "length"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class MessageStart:
    """A message header was completed by `<|message|>`.

    `channel_name` is the channel text the model wrote (may be empty or odd
    when `channel` is OTHER); `recipient` is the `to=` target if any."""

    channel: Channel
    channel_name: str = ""
    recipient: str | None = None


@dataclass(frozen=True)
class ChannelDelta:
    """New text in the current message; only whole characters."""

    channel: Channel
    text: str


@dataclass(frozen=True)
class MessageEnd:
    """The current message ended (by `<|end|>`, a stop token, a recovery or the end of output)."""

    channel: Channel


@dataclass(frozen=True)
class ParseIssue:
    """The model broke the format; the parser recovered.  `message` names the
    problem using only special-token spellings and parser states, never the
    generated text, so it is safe to log."""

    message: str


@dataclass(frozen=True)
class Done:
    """The last event of every stream."""

    finish_reason: FinishReason


Event = MessageStart | ChannelDelta | MessageEnd | ParseIssue | Done
