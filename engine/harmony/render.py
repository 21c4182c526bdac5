"""Conversation -> the exact harmony prompt, as text and as token ids.

The layout follows the official openai/harmony renderer byte for byte: the
system message (identity, knowledge cutoff, date, reasoning effort, valid
channels), the developer message `# Instructions\\n\\n…`, the turns, and the
trailing `<|start|>assistant` that hands the floor to the model.

Both outputs come from one list of pieces, each either a special token or
plain text, so the text an auditor reads and the ids the engine feeds cannot
drift apart.  Plain text is always tokenized with `encode_text`, so a note
that contains `<|end|>` or `<|start|>system<|message|>` stays ordinary text
and can never open or close a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.codec import TokenCodec
from engine.conversation import Conversation, Role, Turn
from engine.errors import EnclaveError
from engine.harmony.specials import CHANNEL, END, MESSAGE, START

VALID_CHANNELS_LINE = (
    "# Valid channels: analysis, commentary, final. Channel must be included for every message."
)


class PromptEncodingError(EnclaveError):
    """The codec turned plain text into special tokens, which would let a note
    inject harmony markup.  llama.cpp's own tokenizer does this for gpt-oss
    (it matches `<|end|>`, `<|start|>`… even when told not to parse specials),
    so the engine must tokenize content with `engine.vocab.Vocabulary`."""

    user_message = "The prompt could not be encoded safely for this model."


@dataclass(frozen=True)
class Piece:
    """A run of the prompt: a special token's spelling, or plain text."""

    text: str
    special: bool = False


def harmony_pieces(conversation: Conversation) -> list[Piece]:
    """The whole prompt, ending with `<|start|>assistant`."""
    pieces = _message("system", system_text(conversation))
    pieces += _message("developer", developer_text(conversation.instructions))
    for turn in conversation.turns:
        pieces += _turn(turn)
    pieces += [Piece(START, special=True), Piece("assistant")]
    return pieces


def render_text(conversation: Conversation) -> str:
    """The prompt as harmony text, special tokens spelled out."""
    return "".join(piece.text for piece in harmony_pieces(conversation))


def render_tokens(conversation: Conversation, codec: TokenCodec) -> list[int]:
    """The prompt as the token ids a model with this vocabulary is fed."""
    ids: list[int] = []
    for piece in harmony_pieces(conversation):
        if piece.special:
            ids.append(codec.special_id(piece.text))
        else:
            ids.extend(_plain_text_ids(codec, piece.text))
    return ids


def _plain_text_ids(codec: TokenCodec, text: str) -> list[int]:
    ids = codec.encode_text(text)
    if any(codec.is_special(token_id) for token_id in ids):
        raise PromptEncodingError(detail="encode_text returned special tokens for plain text")
    return ids


def system_text(conversation: Conversation) -> str:
    top = [
        conversation.model_identity,
        f"Knowledge cutoff: {conversation.knowledge_cutoff}",
        f"Current date: {conversation.current_date.isoformat()}",
    ]
    sections = [
        "\n".join(line for line in top if line),
        f"Reasoning: {conversation.effort.value}",
        VALID_CHANNELS_LINE,
    ]
    return "\n\n".join(sections)


def developer_text(instructions: str) -> str:
    return f"# Instructions\n\n{instructions}"


def _turn(turn: Turn) -> list[Piece]:
    if turn.role is Role.ASSISTANT:
        return _message("assistant", turn.content, channel="final")
    return _message("user", turn.content)


def _message(role: str, content: str, *, channel: str | None = None) -> list[Piece]:
    header = [Piece(START, special=True), Piece(role)]
    if channel is not None:
        header += [Piece(CHANNEL, special=True), Piece(channel)]
    return [*header, Piece(MESSAGE, special=True), Piece(content), Piece(END, special=True)]
