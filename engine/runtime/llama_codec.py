"""A `TokenCodec` over the loaded model's own vocabulary.

The harmony renderer and parser need token ids and bytes; taking them from
the very tokenizer that evaluates the prompt means the runtime can never
disagree with llama.cpp about what a token is.  Lookups the decode loop makes
for every sampled token are cached, so streaming costs a dict hit per token.
"""

from __future__ import annotations

import ctypes

import llama_cpp.llama_cpp as llc

_SPECIAL_ATTRS = llc.LLAMA_TOKEN_ATTR_CONTROL | llc.LLAMA_TOKEN_ATTR_USER_DEFINED


class LlamaCodec:
    def __init__(self, vocab: llc.llama_vocab_p) -> None:
        self._vocab = vocab
        self.n_vocab = int(llc.llama_vocab_n_tokens(vocab))
        self._bytes: dict[int, bytes] = {}
        self._special: dict[int, bool] = {}

    def special_id(self, text: str) -> int:
        ids = self._tokenize(text, parse_special=True)
        if len(ids) != 1 or not self.is_special(ids[0]):
            raise KeyError(text)
        return ids[0]

    def encode_text(self, text: str) -> list[int]:
        return self._tokenize(text, parse_special=False)

    def token_bytes(self, token_id: int) -> bytes:
        cached = self._bytes.get(token_id)
        if cached is None:
            cached = self._bytes[token_id] = self._token_bytes(token_id)
        return cached

    def is_special(self, token_id: int) -> bool:
        cached = self._special.get(token_id)
        if cached is None:
            cached = self._special[token_id] = self._is_special(token_id)
        return cached

    def _token_bytes(self, token_id: int) -> bytes:
        size = 64
        while True:
            buffer = ctypes.create_string_buffer(size)
            written = llc.llama_token_to_piece(self._vocab, token_id, buffer, size, 0, True)
            if written >= 0:
                return buffer.raw[:written]
            size = -written

    def _is_special(self, token_id: int) -> bool:
        return bool(llc.llama_vocab_get_attr(self._vocab, token_id) & _SPECIAL_ATTRS)

    def _tokenize(self, text: str, *, parse_special: bool) -> list[int]:
        raw = text.encode("utf-8")
        capacity = len(raw) + 8
        while True:
            tokens = (llc.llama_token * capacity)()
            count = llc.llama_tokenize(
                self._vocab, raw, len(raw), tokens, capacity, False, parse_special
            )
            if count >= 0:
                return list(tokens[:count])
            capacity = -count
