"""The harmony special tokens, looked up in the model's own vocabulary.

Ids are never hard-coded: the tiny test model and gpt-oss-20b place them
differently, and a vocabulary that lacks one of the required tokens is not a
harmony model at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.codec import TokenCodec
from engine.errors import EnclaveError, UnsupportedModelError

START = "<|start|>"
MESSAGE = "<|message|>"
END = "<|end|>"
RETURN = "<|return|>"
CALL = "<|call|>"
CHANNEL = "<|channel|>"
CONSTRAIN = "<|constrain|>"


@dataclass(frozen=True)
class HarmonySpecials:
    """Ids of the special tokens the renderer writes and the parser reads."""

    start: int
    message: int
    end: int
    return_: int
    call: int
    channel: int
    constrain: int | None

    @classmethod
    def from_codec(cls, codec: TokenCodec) -> HarmonySpecials:
        return cls(
            start=_required(codec, START),
            message=_required(codec, MESSAGE),
            end=_required(codec, END),
            return_=_required(codec, RETURN),
            call=_required(codec, CALL),
            channel=_required(codec, CHANNEL),
            constrain=_optional(codec, CONSTRAIN),
        )

    @property
    def stop_ids(self) -> tuple[int, ...]:
        """Generation stops on `<|return|>` and `<|call|>`, never on `<|end|>`,
        which only closes the analysis message before the final one."""
        return (self.return_, self.call)


def stop_token_ids(codec: TokenCodec) -> tuple[int, ...]:
    """The ids a runtime must stop sampling on for this vocabulary."""
    return HarmonySpecials.from_codec(codec).stop_ids


def _required(codec: TokenCodec, text: str) -> int:
    token_id = _optional(codec, text)
    if token_id is None:
        raise UnsupportedModelError(
            "This model does not use the harmony format gpt-oss needs.",
            detail=f"vocabulary lacks {text}",
        )
    return token_id


def _optional(codec: TokenCodec, text: str) -> int | None:
    try:
        return codec.special_id(text)
    except (LookupError, ValueError, EnclaveError):
        return None
