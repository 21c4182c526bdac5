"""Note store figures: unlock time, bulk insert, FTS query latency, and the
cost of encryption measured side by side against plain SQLite.

Both sides run the same schema (the app's migrations), the same pragmas
(WAL, synchronous=FULL, temp_store=MEMORY, 64 MiB cache) and the same store
functions on the same generated notes; the only difference is the key.
"Plain" uses the SQLite bundled in sqlcipher3 without a key (the same SQLite
build, so the ratio isolates encryption; the system `sqlite3` module is an
older SQLite without FTS5's contentless_delete).

Goals (issue 5): unlock < 0.6 s, query p99 < 30 ms, SQLCipher/plain <= 1.5x.

    .venv/bin/python benchmarks/bench_store.py [--notes 10000] [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.store import (
    NoteStore,
    notes_repo,
)
from app.store.db import Connection, configure, connect_raw, open_keyed
from app.store.guarded import GuardedConnection
from app.store.migrations import migrate

PASSPHRASE = "benchmark passphrase"
NOTE_BYTES = 2048
BATCH = 1000
CLINICAL = [
    "anxiety",
    "insomnia",
    "hypertension",
    "sertraline",
    "migraine",
    "tinnitus",
    "vertigo",
    "fatigue",
    "appetite",
    "mood",
    "sleep",
    "follow-up",
    "referral",
    "cardiology",
    "dyspnoea",
    "palpitations",
    "nausea",
    "headache",
]


@dataclass
class Side:
    """One store under test and the times measured on it."""

    name: str
    path: Path
    connection: Connection
    insert_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    hits: int = 0


def vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = {"".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(5000)}
    return sorted(made) + CLINICAL


def note_text(rng: random.Random, words: list[str], weights: list[float]) -> str:
    """Zipf-distributed words, like prose: a few very common, a long tail of rare ones."""
    chosen: list[str] = []
    size = 0
    while size < NOTE_BYTES:
        batch = rng.choices(words, cum_weights=weights, k=32)
        chosen += batch
        size += sum(len(word) + 1 for word in batch)
    return " ".join(chosen)[:NOTE_BYTES]


def zipf_cumulative(count: int) -> list[float]:
    total = 0.0
    cumulative = []
    for rank in range(1, count + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


def make_queries(rng: random.Random, texts: list[str], count: int) -> list[str]:
    """One or two words taken from a real note (so queries hit), as typed: some as prefixes."""
    queries = []
    for _ in range(count):
        terms = rng.sample(rng.choice(texts).split()[:-1], k=rng.choice((1, 2)))
        queries.append(" ".join(term[: max(3, len(term) - rng.randint(0, 2))] for term in terms))
    return queries


def insert_batch(side: Side, texts: list[str], first: int) -> None:
    started = time.perf_counter()
    side.connection.execute("BEGIN IMMEDIATE")
    for index in range(first, min(first + BATCH, len(texts))):
        notes_repo.insert_note(
            side.connection,
            title=f"Session note {index}",
            document_type="soap",
            patient_label=None,
            source_text=texts[index],
        )
    side.connection.execute("COMMIT")
    side.insert_s += time.perf_counter() - started


def timed_query(side: Side, query: str) -> None:
    started = time.perf_counter()
    side.hits += len(notes_repo.search(side.connection, query, limit=50))
    side.latencies_ms.append((time.perf_counter() - started) * 1000)


def interleaved(sides: list[Side], step: Callable[[Side], None], turn: int) -> None:
    """Alternate which side goes first so both see the same load on shared cores."""
    for side in sides if turn % 2 == 0 else reversed(sides):
        step(side)


def run_workload(sides: list[Side], texts: list[str], queries: list[str]) -> None:
    for turn, first in enumerate(range(0, len(texts), BATCH)):
        interleaved(sides, lambda side, first=first: insert_batch(side, texts, first), turn)
    for query in queries[:20]:
        for side in sides:
            notes_repo.search(side.connection, query, limit=50)
    for turn, query in enumerate(queries):
        interleaved(sides, lambda side, query=query: timed_query(side, query), turn)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def open_side(name: str, path: Path, opener: Callable[[Path], Connection]) -> Side:
    raw = opener(path)
    migrate(raw)
    return Side(name=name, path=path, connection=GuardedConnection(raw))


def open_encrypted(path: Path) -> Connection:
    return open_keyed(path, passphrase=PASSPHRASE, busy_timeout_s=5)


def open_plain(path: Path) -> Connection:
    connection = connect_raw(path, busy_timeout_s=5)
    configure(connection)
    return connection


def unlock_seconds(path: Path, *, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        store = NoteStore.unlock(passphrase=PASSPHRASE, path=path)
        timings.append(time.perf_counter() - started)
        store.lock()
    return timings


def ratio(encrypted: float, plain: float) -> str:
    return f"{encrypted / plain:.2f}x" if plain > 0 else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(20240601)
    words = vocabulary(rng)
    rng.shuffle(words)
    weights = zipf_cumulative(len(words))
    texts = [note_text(rng, words, weights) for _ in range(args.notes)]
    queries = make_queries(rng, texts, args.queries)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        encrypted = open_side("SQLCipher", Path(folder) / "encrypted.db", open_encrypted)
        plain = open_side("plain", Path(folder) / "plain.db", open_plain)
        run_workload([encrypted, plain], texts, queries)
        for side in (encrypted, plain):
            side.connection.close()
        unlocks = unlock_seconds(encrypted.path, repeats=5)
        report(args, encrypted, plain, unlocks)
    return 0


def report(args: argparse.Namespace, encrypted: Side, plain: Side, unlocks: list[float]) -> None:
    print(
        f"notes: {args.notes} x ~{NOTE_BYTES} B in transactions of {BATCH}; "
        f"queries: {args.queries}; the two sides interleaved batch by batch, query by query"
    )
    print(
        f"unlock (PBKDF2-HMAC-SHA512 x256000 + open, {args.notes} notes): "
        f"median {statistics.median(unlocks) * 1000:.0f} ms, max {max(unlocks) * 1000:.0f} ms"
        "  [goal < 600 ms]"
    )
    print(f"{'':22}{'SQLCipher':>12}{'plain':>12}{'ratio':>9}")
    for label, measure in FIGURES:
        encrypted_value, plain_value = measure(encrypted, args), measure(plain, args)
        print(
            f"{label:22}{encrypted_value:12.3f}{plain_value:12.3f}"
            f"{ratio(encrypted_value, plain_value):>9}"
        )
    print("goals: query p99 < 30 ms; SQLCipher/plain <= 1.5x")


FIGURES: list[tuple[str, Callable[[Side, argparse.Namespace], float]]] = [
    ("insert total (s)", lambda side, args: side.insert_s),
    ("insert per note (ms)", lambda side, args: side.insert_s * 1000 / args.notes),
    ("query p50 (ms)", lambda side, args: statistics.median(side.latencies_ms)),
    ("query p99 (ms)", lambda side, args: percentile(side.latencies_ms, 0.99)),
    ("query total (s)", lambda side, args: sum(side.latencies_ms) / 1000),
    ("results per query", lambda side, args: side.hits / args.queries),
    ("file size (MB)", lambda side, args: side.path.stat().st_size / 1e6),
]


if __name__ == "__main__":
    sys.exit(main())
