"""Token counting of a ~100k-token clinical record: tiktoken path vs llama.cpp.

Why: the app counts tokens on every keystroke-pause to tell the clinician
whether the notes fit the context window, without loading the model.  This
shows the tiktoken encoding built from the GGUF (engine.vocab) is exact
against llama.cpp's own tokenizer (vocab-only load) and how much faster it
is, timed interleaved in one run.

    .venv/bin/python benchmarks/bench_token_count.py [--model FILE.gguf] [--rounds N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import llama_cpp  # noqa: E402

from engine.vocab import Vocabulary  # noqa: E402

TARGET_TOKENS = 100_000

PARAGRAPHS = (
    "Session {n}: patient reports mood {m}/10, sleep {h} h, appetite reduced. "
    "Denies suicidal ideation. BP {s}/{d} mmHg, HR {hr} bpm, T {t} °C.",
    "Medications: sertraline {dose} mg OD; metformin 500 mg BD; vitamin B12 1000 µg weekly "
    "(± 10%). Allergies: penicillin — rash.",
    "Résumé : patiente de {age} ans, fièvre à {t} °C, toux sèche depuis {h} jours.  "
    "Réévaluation à J3.\n\n",
    "Labs:\n  Na   {na} mmol/L\n  K    4.{k} mmol/L\n  eGFR > 90 mL/min/1.73 m²\n",
    "患者主诉头痛{h}天，无发热。血压 {s}/{d}。建议休息。 Mood 😀 better, PHQ-9 = {m} → {k}.",
    "Plan:\n\t1. Continue current medications\n\t2. Repeat HbA1c in 3/12\n\t"
    "3. Review on 2025-07-{day:02d} at 10:{k}0\n\n   \n",
    "DON'T STOP sertraline abruptly; the client'S diary shows {n} entries. aÉb mÉdecin.",
)


def clinical_record(vocab: Vocabulary, *, target_tokens: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    tokens = 0
    while tokens < target_tokens:
        paragraph = rng.choice(PARAGRAPHS).format(
            n=rng.randint(1, 400), m=rng.randint(1, 10), h=rng.randint(3, 9),
            s=rng.randint(100, 180), d=rng.randint(60, 110), hr=rng.randint(50, 120),
            t=f"{rng.uniform(36, 40):.1f}", dose=rng.choice((50, 100, 150)),
            age=rng.randint(18, 95), na=rng.randint(130, 150), k=rng.randint(0, 9),
            day=rng.randint(1, 31),
        )  # fmt: skip
        parts.append(paragraph + " ")
        tokens += vocab.count_tokens(paragraph + " ")
    return "".join(parts)


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def tiny_model() -> Path:
    from tests.fixtures.tiny_model import build_tiny_model

    return build_tiny_model(Path(tempfile.mkdtemp()) / "tiny-gpt-oss.gguf", seed=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="GGUF (default: the tiny test model)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    model = args.model or tiny_model()

    start = time.perf_counter()
    vocab = Vocabulary.from_gguf(model)
    vocab_load = time.perf_counter() - start
    start = time.perf_counter()
    llm = llama_cpp.Llama(model_path=str(model), vocab_only=True, verbose=False)
    llama_load = time.perf_counter() - start

    record = clinical_record(vocab, target_tokens=TARGET_TOKENS)
    data = record.encode("utf-8")
    tiktoken_times: list[float] = []
    llama_times: list[float] = []
    for _ in range(args.rounds):  # interleaved so machine load hits both alike
        tiktoken_times += timed(lambda: vocab.count_tokens(record), 1)
        llama_times += timed(lambda: llm.tokenize(data, add_bos=False, special=False), 1)
    ours = vocab.encode_text(record)
    theirs = llm.tokenize(data, add_bos=False, special=False)
    llm.close()

    t_ours, t_theirs = statistics.median(tiktoken_times), statistics.median(llama_times)
    print(f"model:                 {model.name}")
    print(f"record:                {len(record):,} characters, {len(ours):,} tokens")
    print(f"vocabulary load:       tiktoken path {vocab_load * 1e3:.1f} ms, "
          f"llama.cpp vocab_only {llama_load * 1e3:.1f} ms")  # fmt: skip
    print(f"count, median of {args.rounds}:  tiktoken {t_ours * 1e3:.1f} ms, "
          f"llama.cpp {t_theirs * 1e3:.1f} ms")  # fmt: skip
    print(f"speed ratio:           tiktoken is {t_theirs / t_ours:.1f}x llama.cpp")
    print(f"counts equal:          {len(ours) == len(theirs)} ({len(ours)} vs {len(theirs)})")
    print(f"token ids identical:   {ours == list(theirs)}")
    return 0 if ours == list(theirs) else 1


if __name__ == "__main__":
    sys.exit(main())
