"""The tiny model's own vocabulary, for tests that must use real token ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import llama_cpp
import pytest

from engine.vocab import Vocabulary


@pytest.fixture(scope="session")
def tiny_vocab(tiny_model_path: Path) -> Vocabulary:
    return Vocabulary.from_gguf(tiny_model_path)


@pytest.fixture(scope="session")
def tiny_tokenizer(tiny_model_path: Path) -> Iterator[llama_cpp.Llama]:
    """llama.cpp's own tokenizer for the tiny model: the reference for ids."""
    llm = llama_cpp.Llama(model_path=str(tiny_model_path), vocab_only=True, verbose=False)
    yield llm
    llm.close()


@pytest.fixture(scope="session")
def tiny_vocab_size(tiny_tokenizer: llama_cpp.Llama) -> int:
    return int(tiny_tokenizer.n_vocab())
