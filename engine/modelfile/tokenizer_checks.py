"""Checks on a GGUF's tokenizer arrays that llama.cpp asserts instead of reporting.

llama.cpp's vocabulary loader aborts the whole process (GGML_ASSERT) when two
tokens share a text, and reads `token_type` and `merges` through raw pointers
that assume their element types and lengths.  A single flipped byte in a
model file can break any of these, so they are checked here first and a
damaged file gets a clear error instead of killing the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.modelfile.errors import CorruptModelError
from engine.modelfile.gguf_header import ARRAY, INT32, STRING, GGUFHeader

TOKENS = "tokenizer.ggml.tokens"
TOKEN_TYPES = "tokenizer.ggml.token_type"
MERGES = "tokenizer.ggml.merges"
SPECIAL_ID_KEYS = (
    "tokenizer.ggml.bos_token_id",
    "tokenizer.ggml.eos_token_id",
    "tokenizer.ggml.padding_token_id",
)
TOKEN_TYPE_RANGE = range(7)  # llama_token_type: UNDEFINED (0) … BYTE (6)
_ARRAY_ITEM_TYPES = {TOKENS: STRING, TOKEN_TYPES: INT32, MERGES: STRING}


def check_tokenizer_value_types(header: GGUFHeader) -> None:
    """The tokenizer arrays, where present, hold the element type llama.cpp reads."""
    for key, item_type in _ARRAY_ITEM_TYPES.items():
        found = header.value_types.get(key)
        if found is not None and found != (ARRAY, item_type):
            raise CorruptModelError(detail=f"{key} has GGUF type {found}")


def check_tokenizer_lists(
    metadata: Mapping[str, Any], texts: tuple[str, ...], types: list[Any] | None
) -> None:
    """Token texts unique, one type per token, merges as text, special ids in range."""
    if len(set(texts)) != len(texts):
        raise CorruptModelError(detail=f"{TOKENS} holds duplicate token texts")
    if types is not None and (
        len(types) != len(texts) or not all(type(t) is int and t in TOKEN_TYPE_RANGE for t in types)
    ):
        raise CorruptModelError(detail=f"{TOKEN_TYPES} does not match {TOKENS}")
    merges = metadata.get(MERGES)
    if merges is not None and not (
        isinstance(merges, list) and all(isinstance(m, str) for m in merges)
    ):
        raise CorruptModelError(detail=f"{MERGES} is not a list of strings")
    for key in SPECIAL_ID_KEYS:
        token_id = metadata.get(key)
        if token_id is not None and not (type(token_id) is int and 0 <= token_id < len(texts)):
            raise CorruptModelError(detail=f"{key}={token_id!r} outside the vocabulary")
