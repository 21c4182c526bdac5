"""The token interface the harmony renderer and parser need from a vocabulary.

Implemented by `engine.vocab.Vocabulary` (built from a GGUF's own vocabulary).
Special tokens are always looked up by their text, never by a hard-coded id.
"""

from __future__ import annotations

from typing import Protocol


class TokenCodec(Protocol):
    def special_id(self, text: str) -> int:
        """Id of a special token such as `<|start|>`; raises if absent."""
        ...

    def encode_text(self, text: str) -> list[int]:
        """Tokenize as plain text: special-token spellings are ordinary characters."""
        ...

    def token_bytes(self, token_id: int) -> bytes:
        """The raw bytes a token stands for (may be part of a UTF-8 character)."""
        ...

    def is_special(self, token_id: int) -> bool:
        ...
