"""Helpers that summarise a parser's event stream for assertions."""

from __future__ import annotations

from collections.abc import Sequence

from engine.harmony import (
    Channel,
    ChannelDelta,
    Done,
    Event,
    MessageEnd,
    MessageStart,
    ParseIssue,
)


def channel_text(events: Sequence[Event], channel: Channel) -> str:
    return "".join(e.text for e in events if isinstance(e, ChannelDelta) and e.channel is channel)


def issues(events: Sequence[Event]) -> list[str]:
    return [e.message for e in events if isinstance(e, ParseIssue)]


def assert_well_formed(events: Sequence[Event]) -> None:
    """Structural promises every stream keeps, whatever the model did:
    exactly one Done and it is last; deltas only inside a message and on
    that message's channel; starts and ends strictly alternate."""
    assert events, "a finished stream has at least Done"
    assert isinstance(events[-1], Done)
    assert sum(isinstance(e, Done) for e in events) == 1
    open_channel: Channel | None = None
    for event in events:
        if isinstance(event, MessageStart):
            assert open_channel is None, "message started inside a message"
            open_channel = event.channel
        elif isinstance(event, ChannelDelta):
            assert open_channel is event.channel, "delta outside its message"
            assert event.text, "empty delta"
        elif isinstance(event, MessageEnd):
            assert open_channel is event.channel, "end without matching start"
            open_channel = None
    assert open_channel is None, "message left open at Done"
