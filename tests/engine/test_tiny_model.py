"""The tiny gpt-oss fixture really is a gpt-oss model to llama.cpp.

Every inference test in the suite leans on this file, so this checks it the
way llama.cpp sees it: its own loader log must name the architecture and the
MXFP4 expert tensors, and generation from token ids must run and repeat
exactly for a seed.
"""

from __future__ import annotations

import ctypes
import filecmp
from collections.abc import Iterator
from pathlib import Path

import llama_cpp
import pytest

from tests.fixtures.tiny_model import build_tiny_model, write_tiny_model
from tests.fixtures.tiny_vocab import HARMONY_SPECIALS, build_tiny_vocab


@pytest.fixture
def llama_log() -> Iterator[list[str]]:
    """Capture llama.cpp's own log lines for the duration of one test."""
    lines: list[str] = []

    @llama_cpp.llama_log_callback
    def capture(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        lines.append(text.decode("utf-8", errors="replace"))

    llama_cpp.llama_log_set(capture, ctypes.c_void_p(0))
    try:
        yield lines
    finally:
        from llama_cpp import _logger

        llama_cpp.llama_log_set(_logger.llama_log_callback, ctypes.c_void_p(0))


def _generate(model_path: Path, *, seed: int, n_tokens: int = 24) -> list[int]:
    llm = llama_cpp.Llama(
        model_path=str(model_path), n_ctx=512, n_threads=2, seed=seed, verbose=False
    )
    try:
        prompt = llm.tokenize(b"Patient seen today for follow-up.", add_bos=False, special=False)
        tokens: list[int] = []
        for token in llm.generate(prompt, temp=1.0, top_p=1.0, reset=True):
            tokens.append(token)
            if len(tokens) == n_tokens:
                break
        return tokens
    finally:
        llm.close()


def test_llama_cpp_reports_gpt_oss_with_mxfp4_experts(
    tiny_model_path: Path, llama_log: list[str]
) -> None:
    llm = llama_cpp.Llama(model_path=str(tiny_model_path), n_ctx=256, verbose=True)
    llm.close()
    log = "".join(llama_log)
    assert "general.architecture str              = gpt-oss" in log
    assert "arch                  = gpt-oss" in log
    assert "type mxfp4:   12 tensors" in log  # 3 expert tensors x 4 layers
    assert "rope scaling          = yarn" in log
    assert "n_swa                 = 128" in log
    assert "n_expert              = 4" in log
    assert "n_expert_used         = 2" in log


def test_generation_repeats_exactly_for_a_seed(tiny_model_path: Path) -> None:
    first = _generate(tiny_model_path, seed=7)
    second = _generate(tiny_model_path, seed=7)
    assert len(first) == 24
    assert first == second
    assert len(set(first)) > 3, "random weights should not produce a single repeated token"


def test_different_seeds_sample_differently(tiny_model_path: Path) -> None:
    assert _generate(tiny_model_path, seed=1) != _generate(tiny_model_path, seed=2)


def test_specials_are_control_tokens_at_their_own_ids(tiny_model_path: Path) -> None:
    llm = llama_cpp.Llama(model_path=str(tiny_model_path), vocab_only=True, verbose=False)
    try:
        for text in HARMONY_SPECIALS:
            ids = llm.tokenize(text.encode(), add_bos=False, special=True)
            assert len(ids) == 1, text
            assert ids[0] < 199998, "ids must differ from the real model's"
            assert llm.detokenize(ids, special=True) == text.encode()
        eos = llm.token_eos()
        assert llm.detokenize([eos], special=True) == b"<|return|>"
    finally:
        llm.close()


def test_file_is_small_and_byte_identical_for_a_seed(tmp_path: Path, tiny_model_path: Path) -> None:
    assert 100_000 < tiny_model_path.stat().st_size < 4_000_000
    write_tiny_model(tmp_path / "a.gguf", seed=0)
    write_tiny_model(tmp_path / "b.gguf", seed=0)
    write_tiny_model(tmp_path / "c.gguf", seed=1)
    assert filecmp.cmp(tmp_path / "a.gguf", tmp_path / "b.gguf", shallow=False)
    assert filecmp.cmp(tmp_path / "a.gguf", tiny_model_path, shallow=False)
    assert not filecmp.cmp(tmp_path / "a.gguf", tmp_path / "c.gguf", shallow=False)


def test_existing_target_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "model.gguf"
    target.write_bytes(b"already here")
    assert build_tiny_model(target, seed=0) == target
    assert target.read_bytes() == b"already here"


def test_vocabulary_has_bytes_merges_and_every_harmony_special() -> None:
    vocab = build_tiny_vocab()
    assert len(vocab.merges) >= 500
    for text in (*HARMONY_SPECIALS, "<|startoftext|>"):
        assert vocab.token_types[vocab.id_of(text)] == 3
    assert any(t.startswith("<|reserved_") for t in vocab.tokens)
    assert vocab.token_types[:256] == (1,) * 256
