"""Fact-to-source check quality on the development pairs (tests/writing/data,
which the checker was tuned on), held-out sets 1-21 (tests/writing/heldout,
heldout2 ... heldout21: each written blind to the checker, each since used to
improve it; their READMEs give their first blind readings) and held-out set
22 (tests/writing/heldout22: written blind and read with one frozen checker,
as its README records), side by side in one run.

All sets are shown because a figure measured only on sets the checker was
improved on says little about drafts it has not seen; the blind readings in
the READMEs are the ones that measure that. Prints, per fact kind and overall,
recall on injected unsupported facts (goal >= 95 %) and the false-flag rate on
clean drafts (goal <= 10 %), plus the time per check.
Run: .venv/bin/python benchmarks/bench_source_check.py [--verbose]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.writing.sourcecheck import FactKind, check_draft
from tests.writing.pairs import DATA_DIR, HELDOUT_DIR, Case, Score, load_cases, score

SETS = {
    "dev": DATA_DIR,
    "held-out": HELDOUT_DIR,
    **{f"held-out-{number}": HELDOUT_DIR.parent / f"heldout{number}" for number in range(2, 23)},
}


def main() -> int:
    verbose = "--verbose" in sys.argv
    loaded = {name: load_cases(directory=directory) for name, directory in SETS.items()}
    cases = {name: set_cases for name, set_cases in loaded.items() if set_cases}
    results = {name: score(set_cases) for name, set_cases in cases.items()}
    for name, set_cases in cases.items():
        print(f"{name}: {len(set_cases)} pairs ({len(set_cases)} injected + "
              f"{len(set_cases)} clean drafts), {sum(results[name].expected.values())} "
              f"injected facts")
    _print_table(results)
    for name, result in results.items():
        _print_summary(name, result, len(cases[name]))
    for name, set_cases in cases.items():
        print(f"{name}: time per check {_ms_per_check(set_cases):.1f} ms")
    if verbose:
        for name, result in results.items():
            _print_details(name, result)
    return 0


def _print_table(results: dict[str, Score]) -> None:
    header = "".join(f" | {name + ' recall':>20} {'false flags':>17}" for name in results)
    print(f"{'kind':<12}{header}")
    for kind in FactKind:
        row = "".join(f" | {_recall_cell(r, kind):>20} {_flag_cell(r, kind):>17}"
                      for r in results.values())
        print(f"{kind.value:<12}{row}")
    row = "".join(f" | {_recall_cell(r, None):>20} {_flag_cell(r, None):>17}"
                  for r in results.values())
    print(f"{'ALL':<12}{row}")


def _recall_cell(result: Score, kind: FactKind | None) -> str:
    total = result.expected[kind] if kind else sum(result.expected.values())
    found = result.found[kind] if kind else sum(result.found.values())
    return f"{found}/{total} {result.recall(kind):6.1%}"


def _flag_cell(result: Score, kind: FactKind | None) -> str:
    facts = result.clean_facts[kind] if kind else sum(result.clean_facts.values())
    flags = result.clean_flags[kind] if kind else sum(result.clean_flags.values())
    return f"{flags}/{facts} {result.false_flag_rate(kind):6.1%}"


def _print_summary(name: str, result: Score, pairs: int) -> None:
    print(f"{name}: recall {result.recall():.1%} (goal >= 95%) | false-flag rate "
          f"{result.false_flag_rate():.1%} (goal <= 10%) | clean drafts with any flag "
          f"{result.clean_drafts_flagged}/{pairs} | extra flags on injected drafts "
          f"{result.extra_flags_injected}")


def _ms_per_check(cases: list[Case]) -> float:
    started = time.perf_counter()
    for case in cases:
        check_draft(case.source, case.injected)
    return (time.perf_counter() - started) / len(cases) * 1000


def _print_details(name: str, result: Score) -> None:
    for case_id, expected in result.misses:
        print(f"[{name}] MISS  {case_id}: {expected.kind.value} {expected.text!r}")
    for case_id, finding in result.false_flags:
        print(f"[{name}] FALSE {case_id}: {finding.kind.value} {finding.text!r} - "
              f"{finding.reason}")


if __name__ == "__main__":
    sys.exit(main())
