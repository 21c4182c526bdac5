"""The model's own vocabulary, read from its GGUF without loading the model.

Token counts decide whether notes fit the context window before a multi-GB
model is loaded, and the harmony renderer needs special-token ids by their
text.  Both come from here: the GGUF's token list becomes a
`tiktoken.Encoding` (token id = BPE rank, harmony specials as special tokens)
whose split pattern is the one llama.cpp uses for `tokenizer.ggml.pre =
gpt-4o`, so counts equal llama.cpp's exactly.

Plain text is always tokenized as text: `<|start|>` typed into a note stays
ordinary characters.  (llama.cpp's own `tokenize(special=False)` does *not*
guarantee that for gpt-oss: it force-parses `<|start|>`, `<|end|>`,
`<|message|>`, `<|channel|>` and `<|constrain|>` — use `encode_text`.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import tiktoken

from engine.modelfile.errors import MissingMetadataError, UnsupportedTokenizerError
from engine.modelfile.gguf_header import GGUFHeader, read_header
from engine.modelfile.tokenizer_checks import check_tokenizer_lists, check_tokenizer_value_types

HARMONY_SPECIAL_TEXTS = (
    "<|startoftext|>",
    "<|endoftext|>",
    "<|start|>",
    "<|end|>",
    "<|message|>",
    "<|channel|>",
    "<|constrain|>",
    "<|return|>",
    "<|call|>",
)

# llama.cpp's gpt-4o pre-tokenizer: o200k's pattern with the upper/lower-case
# letter classes written as "letter that is not a-z" / "not A-Z" (so non-ASCII
# letters count as both, and combining marks are not letters).
GPT4O_SPLIT_PATTERN = "|".join(
    (
        r"[^\r\n\p{L}\p{N}]?(?:(?=\p{L})[^a-z])*(?:(?=\p{L})[^A-Z])+"
        r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?",
        r"[^\r\n\p{L}\p{N}]?(?:(?=\p{L})[^a-z])+(?:(?=\p{L})[^A-Z])*"
        r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?",
        r"\p{N}{1,3}",
        r" ?[^\s\p{L}\p{N}]+[\r\n/]*",
        r"\s*[\r\n]+",
        r"\s+(?!\S)",
        r"\s+",
    )
)

TOKEN_TYPE_NORMAL = 1
TOKEN_TYPE_CONTROL = 3
TOKEN_TYPE_USER_DEFINED = 4


class MissingSpecialTokenError(UnsupportedTokenizerError):
    user_message = "The model's vocabulary lacks a token the harmony format needs."


@cache
def _unicode_to_byte() -> dict[int, int]:
    """Inverse of GPT-2's byte -> printable-character map (token texts use it)."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    mapping = {b: b for b in printable}
    extra = 0
    for b in range(256):
        if b not in mapping:
            mapping[256 + extra] = b
            extra += 1
    return mapping


def _text_to_bytes(text: str) -> bytes:
    table = _unicode_to_byte()
    if all(ord(ch) in table for ch in text):
        return bytes(table[ord(ch)] for ch in text)
    return text.encode("utf-8")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A GGUF's byte-level BPE vocabulary; implements `engine.codec.TokenCodec`."""

    token_bytes_by_id: tuple[bytes, ...]
    token_types: tuple[int, ...]
    specials: Mapping[str, int]
    encoding: tiktoken.Encoding = field(repr=False)

    @classmethod
    def from_gguf(cls, path: Path | str) -> Vocabulary:
        return cls.from_header(read_header(Path(path)))

    @classmethod
    def from_header(cls, header: GGUFHeader) -> Vocabulary:
        check_tokenizer_value_types(header)
        return cls.from_metadata(header.metadata)

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any]) -> Vocabulary:
        texts, types = _tokenizer_lists(metadata)
        specials = {
            text: token_id
            for token_id, (text, kind) in enumerate(zip(texts, types, strict=True))
            if kind in (TOKEN_TYPE_CONTROL, TOKEN_TYPE_USER_DEFINED)
        }
        raw = tuple(
            text.encode("utf-8") if text in specials else _text_to_bytes(text) for text in texts
        )
        encoding = _build_encoding(raw, types, specials)
        return cls(raw, types, MappingProxyType(specials), encoding)

    @property
    def size(self) -> int:
        return len(self.token_bytes_by_id)

    @property
    def harmony_special_tokens(self) -> Mapping[str, int]:
        """Harmony's special tokens present in this vocabulary, text -> id."""
        return MappingProxyType(
            {text: self.specials[text] for text in HARMONY_SPECIAL_TEXTS if text in self.specials}
        )

    def special_id(self, text: str) -> int:
        try:
            return self.specials[text]
        except KeyError:
            raise MissingSpecialTokenError(detail=f"no special token {text!r}") from None

    def encode_text(self, text: str) -> list[int]:
        return self.encoding.encode_ordinary(text)

    def count_tokens(self, text: str) -> int:
        return len(self.encoding.encode_ordinary(text))

    def token_bytes(self, token_id: int) -> bytes:
        return self.token_bytes_by_id[token_id]

    def is_special(self, token_id: int) -> bool:
        return self.token_types[token_id] == TOKEN_TYPE_CONTROL

    def decode(self, token_ids: list[int]) -> bytes:
        return b"".join(self.token_bytes_by_id[t] for t in token_ids)


def _tokenizer_lists(metadata: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    model = metadata.get("tokenizer.ggml.model")
    pre = metadata.get("tokenizer.ggml.pre")
    if model != "gpt2" or pre not in ("gpt-4o", "o200k"):
        raise UnsupportedTokenizerError(detail=f"tokenizer model={model!r} pre={pre!r}")
    texts = metadata.get("tokenizer.ggml.tokens")
    types = metadata.get("tokenizer.ggml.token_type")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise MissingMetadataError(detail="tokenizer.ggml.tokens")
    check_tokenizer_lists(metadata, tuple(texts), types if isinstance(types, list) else None)
    if not isinstance(types, list):
        types = [TOKEN_TYPE_NORMAL] * len(texts)
    return tuple(texts), tuple(types)


def _build_encoding(
    raw: tuple[bytes, ...], types: tuple[int, ...], specials: Mapping[str, int]
) -> tiktoken.Encoding:
    ranks: dict[bytes, int] = {}
    for token_id, (token, kind) in enumerate(zip(raw, types, strict=True)):
        if kind not in (TOKEN_TYPE_CONTROL, TOKEN_TYPE_USER_DEFINED):
            ranks.setdefault(token, token_id)
    missing = [b for b in range(256) if bytes([b]) not in ranks]
    if missing:
        raise UnsupportedTokenizerError(detail=f"{len(missing)} byte tokens missing")
    return tiktoken.Encoding(
        name="gguf-gpt-4o",
        pat_str=GPT4O_SPLIT_PATTERN,
        mergeable_ranks=ranks,
        special_tokens=dict(specials),
    )
