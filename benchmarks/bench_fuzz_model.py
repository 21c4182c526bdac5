"""Model-file fuzz figures: how 1,000 damaged copies of the tiny gpt-oss GGUF
and the crafted wrong-architecture set fare along the app's load path.

Prints the counts the robustness promise is about — rejected (per error
class), loaded and ran, crashed, hung, non-Enclave errors — and the wall time.
Usage: .venv/bin/python benchmarks/bench_fuzz_model.py [--count N] [--seed S] [--workers W]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fixtures.tiny_model import build_tiny_model
from tests.security.crafted_models import crafted_cases
from tests.security.fuzz_cases import mutated_cases
from tests.security.fuzz_runner import run_fuzz


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enclave-fuzz-") as folder:
        root = Path(folder)
        base = build_tiny_model(root / "tiny.gguf", seed=0)
        suites = {
            "crafted model files": crafted_cases(base, root / "crafted"),
            f"mutated model files (seed {args.seed})": mutated_cases(
                base, count=args.count, seed=args.seed
            ),
        }
        failures = 0
        for title, cases in suites.items():
            started = time.perf_counter()
            report = run_fuzz(cases, scratch=root / "work", workers=args.workers)
            elapsed = time.perf_counter() - started
            print(report.summary(title=title))
            print(f"  wall time: {elapsed:.1f} s ({args.workers} worker processes)\n")
            failures += len(report.bad())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
