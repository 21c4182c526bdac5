"""A byte-level TokenCodec for parser tests that need exact control of token
boundaries (one token per byte, so a character can be split anywhere).

Ids 0-255 are the bytes; the harmony specials follow.  Tests against the real
tiny-model vocabulary live alongside; this codec only makes splits explicit.
"""

from __future__ import annotations

SPECIALS = (
    "<|start|>",
    "<|message|>",
    "<|end|>",
    "<|return|>",
    "<|call|>",
    "<|channel|>",
    "<|constrain|>",
    "<|endoftext|>",
    "<|reserved_200013|>",
)


class ByteCodec:
    def __init__(self) -> None:
        self._special_ids = {text: 256 + index for index, text in enumerate(SPECIALS)}
        self._special_texts = {token_id: text for text, token_id in self._special_ids.items()}

    def special_id(self, text: str) -> int:
        return self._special_ids[text]

    def encode_text(self, text: str) -> list[int]:
        return list(text.encode("utf-8"))

    def token_bytes(self, token_id: int) -> bytes:
        if token_id in self._special_texts:
            return self._special_texts[token_id].encode()
        return bytes([token_id])

    def is_special(self, token_id: int) -> bool:
        return token_id in self._special_texts

    def tokens(self, harmony: str) -> list[int]:
        """Token ids of a harmony string: special spellings become specials,
        everything else one token per byte."""
        ids: list[int] = []
        rest = harmony
        while rest:
            special = next((s for s in SPECIALS if rest.startswith(s)), None)
            if special is not None:
                ids.append(self._special_ids[special])
                rest = rest[len(special) :]
            else:
                ids.extend(rest[0].encode("utf-8"))
                rest = rest[1:]
        return ids
