"""Fact-to-source check quality on the annotated pairs in tests/writing/data.

Prints recall on injected unsupported facts (goal >= 95 %) and the false-flag
rate on clean drafts (goal <= 10 %), per fact kind, plus the time per check.
Run: .venv/bin/python benchmarks/bench_source_check.py [--verbose]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.writing.sourcecheck import FactKind, check_draft
from tests.writing.pairs import load_cases, score


def main() -> int:
    verbose = "--verbose" in sys.argv
    cases = load_cases()
    result = score(cases)
    print(f"pairs: {len(cases)} injected + {len(cases)} clean drafts")
    print(f"{'kind':<12} {'injected':>8} {'found':>6} {'recall':>7}   {'clean facts':>11} "
          f"{'false flags':>11} {'rate':>6}")
    for kind in FactKind:
        print(f"{kind.value:<12} {result.expected[kind]:>8} {result.found[kind]:>6} "
              f"{result.recall(kind):>7.1%}   {result.clean_facts[kind]:>11} "
              f"{result.clean_flags[kind]:>11} {result.false_flag_rate(kind):>6.1%}")
    print(f"{'ALL':<12} {sum(result.expected.values()):>8} {sum(result.found.values()):>6} "
          f"{result.recall():>7.1%}   {sum(result.clean_facts.values()):>11} "
          f"{sum(result.clean_flags.values()):>11} {result.false_flag_rate():>6.1%}")
    print(f"recall {result.recall():.1%} (goal >= 95%)  |  false-flag rate "
          f"{result.false_flag_rate():.1%} (goal <= 10%)")
    print(f"clean drafts with any flag: {result.clean_drafts_flagged}/{len(cases)}; "
          f"extra flags on injected drafts: {result.extra_flags_injected}")
    _timing(cases)
    if verbose:
        for case_id, expected in result.misses:
            print(f"MISS  {case_id}: {expected.kind.value} {expected.text!r}")
        for case_id, finding in result.false_flags:
            print(f"FALSE {case_id}: {finding.kind.value} {finding.text!r} - {finding.reason}")
    return 0


def _timing(cases: list) -> None:  # type: ignore[type-arg]
    started = time.perf_counter()
    for case in cases:
        check_draft(case.source, case.injected)
    elapsed = time.perf_counter() - started
    print(f"time per check: {elapsed / len(cases) * 1000:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
