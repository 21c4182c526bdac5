"""The harmony format, both ways: conversation -> prompt, tokens -> events.

gpt-oss only behaves when spoken to in harmony, and its reasoning must never
reach a draft; owning both directions in one package keeps the two in step.
"""

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
from engine.harmony.parser import HarmonyStreamParser
from engine.harmony.render import PromptEncodingError, render_text, render_tokens
from engine.harmony.specials import HarmonySpecials, stop_token_ids

__all__ = [
    "Channel",
    "ChannelDelta",
    "Done",
    "Event",
    "FinishReason",
    "HarmonySpecials",
    "HarmonyStreamParser",
    "MessageEnd",
    "MessageStart",
    "ParseIssue",
    "PromptEncodingError",
    "render_text",
    "render_tokens",
    "stop_token_ids",
]
