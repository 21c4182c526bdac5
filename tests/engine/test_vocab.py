"""`engine.vocab.Vocabulary` tokenizes exactly like llama.cpp, without loading the model.

Token counts gate whether notes fit the context window, so an off-by-a-few
count would either truncate a note or refuse one that fits.  Every check here
compares against llama.cpp's own tokenizer on the tiny model's vocabulary,
whose merges deliberately cross the places where split patterns can differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import llama_cpp
import pytest
import tiktoken
from gguf import GGUFWriter
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import EnclaveError
from engine.modelfile.errors import UnsupportedTokenizerError
from engine.vocab import HARMONY_SPECIAL_TEXTS, MissingSpecialTokenError, Vocabulary

CLINICAL_CORPUS = [
    "Patient seen today for follow-up of hypertension and type 2 diabetes mellitus.",
    "BP 142/88 mmHg, HR 76 bpm, T 37.2 °C, SpO2 98% on room air.",
    "Metformin 500 mg BD; vitamin B12 1000 µg weekly; dose ± 10% (2.5 mg/kg/day).",
    "Résumé : patiente de 54 ans, fièvre à 38,5 °C, toux sèche. Réévaluation à J3.",
    "Größe 1,68 m — Blutdruck 130/80 mmHg; Señora de 67 años, dolor torácico atípico.",
    "患者主诉头痛三天，无发热。血压正常。建议休息，多饮水。",
    "Mood: 😀 better most days 👍🏽; sleep 6–7 h; PHQ-9 = 12 → 8.",
    "Labs:\n  Na   139 mmol/L\n  K    4.1 mmol/L\n  eGFR > 90 mL/min/1.73 m²\n",
    "\n\n\nPlan:\n\t1. Continue meds\n\t2. Repeat HbA1c in 3/12\n\n   \n",
    "12345678901234567890 1,000,000.50 0.0001 -42 +7 3e-5 2025-07-14T10:30",
    "DON'T STOP. It'S fine. We'LL see; they'd've known. I'M sure. YOU'RE late.",
    "aÉb mÉdecin deÉtude ÉMILE Émile éCOLE xÑy l'École d'Über",
    "e\u0301 ne\u0301e n\u0303o i\u0308 combining marks",
    "Ǆungla ǅ ǆ ΑΒΓ αβγ Ωmega ʰ ᾈ Ⅷ ٣ 𝟘",
    "nbsp\u00a0here, em\u2003space, ideographic\u3000space, zero\u200bwidth, bom\ufeff",
    "Trailing spaces   \r\n\r\nCRLF lines\rCR only\x0bVT\x0cFF\x85NEL end",
    "Text with <|start|> and <|end|> and <|return|> typed by a clinician.",
    "    ",
    "",
]

ALPHABET = (
    list("aeiou tnrsdlAEIOUTNRS'\n\r\t.,;:!?/()-+0123456789")
    + list("éÉçÇñÑüÜßøÅ°µ±²½€£§¶…—–“”‘’«»Ωω患者头，。ǄǅǆʰᾈⅧ٣")
    + [
        "\u0301",
        "\u0303",
        "\u200b",
        "\u00a0",
        "\u2003",
        "\u3000",
        "😀",
        "👍🏽",
        "\u2028",
        "\x0b",
        "\x85",
    ]
)

O200K_PATTERN = "|".join(
    [
        r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        r"\p{N}{1,3}",
        r" ?[^\s\p{L}\p{N}]+[\r\n/]*",
        r"\s*[\r\n]+",
        r"\s+(?!\S)",
        r"\s+",
    ]
)


@pytest.fixture(scope="module")
def vocab(tiny_model_path: Path) -> Vocabulary:
    return Vocabulary.from_gguf(tiny_model_path)


@pytest.fixture(scope="module")
def llama_vocab(tiny_model_path: Path) -> Iterator[llama_cpp.Llama]:
    llm = llama_cpp.Llama(model_path=str(tiny_model_path), vocab_only=True, verbose=False)
    yield llm
    llm.close()


def llama_tokens(llm: llama_cpp.Llama, text: str) -> list[int]:
    return list(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))


PLAIN_CORPUS = [t for t in CLINICAL_CORPUS if "<|" not in t]


@pytest.mark.parametrize("text", PLAIN_CORPUS)
def test_tokens_equal_llama_cpp_on_clinical_corpus(
    vocab: Vocabulary, llama_vocab: llama_cpp.Llama, text: str
) -> None:
    assert vocab.encode_text(text) == llama_tokens(llama_vocab, text)
    assert vocab.count_tokens(text) == len(llama_tokens(llama_vocab, text))


def test_whole_record_count_equals_llama_cpp(
    vocab: Vocabulary, llama_vocab: llama_cpp.Llama
) -> None:
    record = "\n\n".join(PLAIN_CORPUS * 20)
    assert vocab.count_tokens(record) == len(llama_tokens(llama_vocab, record))
    assert vocab.count_tokens(record) > 5000


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_tokens_equal_llama_cpp_on_random_unicode(
    vocab: Vocabulary, llama_vocab: llama_cpp.Llama, text: str
) -> None:
    assert vocab.encode_text(text) == llama_tokens(llama_vocab, text)


def test_split_pattern_matters_on_this_vocabulary(
    vocab: Vocabulary, llama_vocab: llama_cpp.Llama
) -> None:
    """The corpus would catch a wrong pattern: o200k's own one disagrees here."""
    naive = tiktoken.Encoding(
        name="naive",
        pat_str=O200K_PATTERN,
        mergeable_ranks=vocab.encoding._mergeable_ranks,
        special_tokens={},
    )
    disagreements = [
        t for t in PLAIN_CORPUS if naive.encode_ordinary(t) != llama_tokens(llama_vocab, t)
    ]
    assert disagreements


def test_text_round_trips_through_token_bytes(
    vocab: Vocabulary, llama_vocab: llama_cpp.Llama
) -> None:
    for text in CLINICAL_CORPUS:
        assert vocab.decode(vocab.encode_text(text)) == text.encode("utf-8")
    for token_id in range(vocab.size):
        if not vocab.is_special(token_id):
            assert vocab.token_bytes(token_id) == llama_vocab.detokenize([token_id])


def test_special_spellings_in_text_stay_plain_text(vocab: Vocabulary) -> None:
    ids = vocab.encode_text("note: <|start|>assistant<|end|> <|return|>")
    special_ids = set(vocab.harmony_special_tokens.values())
    assert not special_ids & set(ids)
    assert vocab.decode(ids) == b"note: <|start|>assistant<|end|> <|return|>"


def test_special_ids_are_looked_up_by_text(vocab: Vocabulary, llama_vocab: llama_cpp.Llama) -> None:
    assert set(vocab.harmony_special_tokens) == set(HARMONY_SPECIAL_TEXTS)
    for text, token_id in vocab.harmony_special_tokens.items():
        assert vocab.special_id(text) == token_id
        assert vocab.is_special(token_id)
        assert vocab.token_bytes(token_id) == text.encode()
        assert llama_vocab.tokenize(text.encode(), add_bos=False, special=True) == [token_id]
    assert vocab.special_id("<|return|>") == llama_vocab.token_eos()
    assert vocab.special_id("<|return|>") != 200002


def test_missing_special_token_is_a_clear_error(vocab: Vocabulary) -> None:
    with pytest.raises(MissingSpecialTokenError) as caught:
        vocab.special_id("<|not_a_token|>")
    assert isinstance(caught.value, EnclaveError)
    assert "harmony" in caught.value.user_message


def test_other_tokenizer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "llama-tokenizer.gguf"
    writer = GGUFWriter(path, "llama")
    writer.add_tokenizer_model("llama")
    writer.add_token_list(["<unk>", "a"])
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(UnsupportedTokenizerError):
        Vocabulary.from_gguf(path)
