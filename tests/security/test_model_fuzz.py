"""No model file, however damaged or foreign, takes the app down.

Every case goes through the app's own path (validate, plan, load, generate) in
a worker process; the parent records a crash if the worker dies.  Each file
must be rejected with an EnclaveError or load and generate; crashes, hangs
and non-Enclave exceptions must all be zero.  The 1,000-case run is `slow`
(CI runs it); the crafted wrong-architecture set runs every time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.crafted_models import crafted_cases
from tests.security.fuzz_cases import mutated_cases
from tests.security.fuzz_runner import FuzzReport, run_fuzz

FUZZ_SEED = 20240601
FUZZ_COUNT = 1000


def _assert_clean(report: FuzzReport, *, expected: int) -> None:
    outcomes = report.outcomes()
    assert len(report.results) == expected
    assert report.bad() == [], report.summary(title="failures")
    assert outcomes["rejected"] + outcomes["ran"] == expected
    for result in report.results:
        if result["outcome"] == "rejected":
            assert result["message"] and "Traceback" not in result["message"]


def test_crafted_wrong_files_are_rejected_or_run(tiny_model_path: Path, tmp_path: Path) -> None:
    cases = crafted_cases(tiny_model_path, tmp_path / "crafted")
    report = run_fuzz(cases, scratch=tmp_path / "work", workers=2, timeout_s=60)
    print("\n" + report.summary(title="crafted model files"))
    _assert_clean(report, expected=len(cases))
    by_name = {result["name"]: result for result in report.results}
    for foreign in ("empty", "text", "png", "llama_model", "arch_renamed_qwen2"):
        assert by_name[foreign]["outcome"] == "rejected", by_name[foreign]
    assert by_name["llama_model"]["error"] in {"UnsupportedModelError", "WrongArchitectureError"}


@pytest.mark.slow
def test_thousand_mutated_model_files_never_kill_the_process(
    tiny_model_path: Path, tmp_path: Path
) -> None:
    cases = mutated_cases(tiny_model_path, count=FUZZ_COUNT, seed=FUZZ_SEED)
    report = run_fuzz(cases, scratch=tmp_path / "work", workers=2, timeout_s=60)
    print("\n" + report.summary(title=f"mutated model files (seed {FUZZ_SEED})"))
    _assert_clean(report, expected=FUZZ_COUNT)
    assert report.outcomes()["ran"] > 0, "flips in tensor data should still load and run"
