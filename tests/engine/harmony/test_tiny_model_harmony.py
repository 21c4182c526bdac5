"""Rendering and parsing with the tiny gpt-oss model's real vocabulary, and
parsing whole generations sampled by llama.cpp from that model."""

from __future__ import annotations

import json
from pathlib import Path

import llama_cpp
import pytest

from engine.harmony import (
    Channel,
    ChannelDelta,
    Done,
    FinishReason,
    HarmonyStreamParser,
    render_text,
    render_tokens,
    stop_token_ids,
)
from engine.harmony.render import PromptEncodingError
from engine.vocab import Vocabulary
from tests.engine.harmony.cases import CASES, INJECTION_NOTE, INSTRUCTIONS
from tests.engine.harmony.streams import assert_well_formed, channel_text, issues
from tests.engine.harmony.test_prompt_cli import enclave_prompt, write


def test_prompt_ids_detokenize_to_the_rendered_text(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    for conversation in CASES.values():
        ids = render_tokens(conversation, tiny_vocab)
        text = render_text(conversation).encode()
        assert tiny_tokenizer.detokenize(ids, special=True) == text


def test_injected_end_in_a_note_is_ordinary_text(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    ids = render_tokens(CASES["injection"], tiny_vocab)
    end, start = tiny_vocab.special_id("<|end|>"), tiny_vocab.special_id("<|start|>")
    assert ids.count(end) == 3  # system, developer, user; the note adds none
    assert ids.count(start) == 4
    note_ids = _user_content(ids, tiny_vocab)
    assert not any(tiny_vocab.is_special(token) for token in note_ids)
    assert tiny_tokenizer.detokenize(note_ids, special=True) == INJECTION_NOTE.encode()


def test_llama_cpp_tokenizer_would_let_the_note_inject(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    """Why the renderer never uses llama.cpp's tokenizer for content: its
    gpt-oss vocabulary marks <|start|>, <|message|>, <|end|>, <|channel|> and
    <|constrain|> user-defined, so they are matched even with special=False."""
    ids = tiny_tokenizer.tokenize(INJECTION_NOTE.encode(), add_bos=False, special=False)
    assert tiny_vocab.special_id("<|end|>") in ids


def test_plain_notes_tokenize_as_llama_cpp_does(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    for name in ("effort_low", "unicode_heavy"):
        note = CASES[name].turns[-1].content
        expected = tiny_tokenizer.tokenize(note.encode(), add_bos=False, special=False)
        assert _user_content(render_tokens(CASES[name], tiny_vocab), tiny_vocab) == expected


def test_cli_tokens_for_the_injection_case(
    tiny_model_path: Path, tmp_path: Path, tiny_vocab: Vocabulary
) -> None:
    result = enclave_prompt(
        "--effort", "low", "--date", "2025-06-28",
        "--instructions-file", write(tmp_path / "i.txt", INSTRUCTIONS),
        "--user-file", write(tmp_path / "u.txt", INJECTION_NOTE),
        "--model", tiny_model_path, "--tokens",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ids = json.loads(result.stdout)
    assert ids == render_tokens(CASES["injection"], tiny_vocab)
    assert ids.count(tiny_vocab.special_id("<|end|>")) == 3


def test_stop_tokens_are_return_and_call_never_end(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    stops = stop_token_ids(tiny_vocab)
    assert stops == (tiny_vocab.special_id("<|return|>"), tiny_vocab.special_id("<|call|>"))
    assert tiny_vocab.special_id("<|end|>") not in stops
    assert tiny_tokenizer.token_eos() in stops


def test_parser_on_real_ids_with_a_split_character(tiny_vocab: Vocabulary) -> None:
    emoji_ids = tiny_vocab.encode_text("🩺")
    assert len(emoji_ids) > 1, "the tiny vocab spells the emoji as several byte tokens"
    stream = [
        *_header(tiny_vocab, "analysis"), *tiny_vocab.encode_text("chest pain?"),
        tiny_vocab.special_id("<|end|>"), tiny_vocab.special_id("<|start|>"),
        *tiny_vocab.encode_text("assistant"), *_header(tiny_vocab, "final"),
        *tiny_vocab.encode_text("Draft 🩺 µg"), tiny_vocab.special_id("<|return|>"),
    ]  # fmt: skip
    events = HarmonyStreamParser(tiny_vocab).feed_many(stream)
    assert_well_formed(events)
    assert channel_text(events, Channel.ANALYSIS) == "chest pain?"
    assert channel_text(events, Channel.FINAL) == "Draft 🩺 µg"
    assert all("\ufffd" not in e.text for e in events if isinstance(e, ChannelDelta))
    assert issues(events) == []


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_whole_generation_from_the_tiny_model_parses(
    tiny_model_path: Path, tiny_vocab: Vocabulary, seed: int
) -> None:
    prompt = render_tokens(CASES["effort_medium"], tiny_vocab)
    generated = _generate(tiny_model_path, prompt, seed=seed, stops=stop_token_ids(tiny_vocab))
    parser = HarmonyStreamParser(tiny_vocab)
    events = parser.feed_many(generated)
    events += parser.finish(FinishReason.LENGTH)
    assert_well_formed(events)
    reasons = {tiny_vocab.special_id("<|return|>"): FinishReason.RETURN}
    reasons[tiny_vocab.special_id("<|call|>")] = FinishReason.CALL
    assert events[-1] == Done(reasons.get(generated[-1], FinishReason.LENGTH))


@pytest.mark.parametrize("seed", [3, 4])
def test_generated_final_text_is_exactly_the_decoded_bytes(
    tiny_model_path: Path, tiny_vocab: Vocabulary, seed: int
) -> None:
    """Prefill a final header and let the model write: the draft the parser
    streams equals a one-shot decode of the text tokens up to the first
    message-ending special, however the model split its characters."""
    prefill = _header(tiny_vocab, "final")
    prompt = render_tokens(CASES["unicode_heavy"], tiny_vocab) + prefill
    generated = _generate(tiny_model_path, prompt, seed=seed, stops=stop_token_ids(tiny_vocab))
    parser = HarmonyStreamParser(tiny_vocab)
    events = parser.feed_many(prefill + generated) + parser.finish(FinishReason.LENGTH)
    assert_well_formed(events)
    assert channel_text(events, Channel.FINAL) == _expected_final(tiny_vocab, generated)


def _user_content(ids: list[int], vocab: Vocabulary) -> list[int]:
    """The ids between the last user message's <|message|> and its <|end|>."""
    message, end = vocab.special_id("<|message|>"), vocab.special_id("<|end|>")
    begins = max(i for i, token in enumerate(ids) if token == message) + 1
    return ids[begins : ids.index(end, begins)]


def _header(vocab: Vocabulary, channel: str) -> list[int]:
    return [
        vocab.special_id("<|channel|>"),
        *vocab.encode_text(channel),
        vocab.special_id("<|message|>"),
    ]


def _expected_final(vocab: Vocabulary, generated: list[int]) -> str:
    closing = {
        vocab.special_id(s)
        for s in ("<|end|>", "<|return|>", "<|call|>", "<|start|>", "<|channel|>")
    }
    data = bytearray()
    for token in generated:
        if token in closing:
            break
        if not vocab.is_special(token):
            data += vocab.token_bytes(token)
    return data.decode("utf-8", errors="replace")


def _generate(model: Path, prompt: list[int], *, seed: int, stops: tuple[int, ...]) -> list[int]:
    llm = llama_cpp.Llama(model_path=str(model), n_ctx=2048, n_threads=2, seed=seed, verbose=False)
    try:
        out: list[int] = []
        for token in llm.generate(prompt, temp=1.0, top_p=1.0, reset=True):
            out.append(token)
            if token in stops or len(out) == 400:
                break
        return out
    finally:
        llm.close()


class LlamaTokenizerCodec:
    """A codec that tokenizes content with llama.cpp (special=False): the
    tempting shortcut the renderer must refuse for gpt-oss vocabularies."""

    def __init__(self, vocab: Vocabulary, llm: llama_cpp.Llama) -> None:
        self._vocab, self._llm = vocab, llm

    def special_id(self, text: str) -> int:
        return self._vocab.special_id(text)

    def encode_text(self, text: str) -> list[int]:
        return list(self._llm.tokenize(text.encode(), add_bos=False, special=False))

    def token_bytes(self, token_id: int) -> bytes:
        return self._vocab.token_bytes(token_id)

    def is_special(self, token_id: int) -> bool:
        return self._vocab.is_special(token_id)


def test_renderer_refuses_a_codec_that_parses_markup_in_notes(
    tiny_vocab: Vocabulary, tiny_tokenizer: llama_cpp.Llama
) -> None:
    codec = LlamaTokenizerCodec(tiny_vocab, tiny_tokenizer)
    assert render_tokens(CASES["effort_low"], codec) == render_tokens(
        CASES["effort_low"], tiny_vocab
    )
    with pytest.raises(PromptEncodingError) as caught:
        render_tokens(CASES["injection"], codec)
    assert "Pt stable" not in str(caught.value)
