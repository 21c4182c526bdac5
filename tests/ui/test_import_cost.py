"""Importing the main window's modules must not load the source check's drug
lexicon: that is over a second of GIL-holding Python, and at app start it runs
on the GUI thread.  The check imports it lazily, on a worker (warm-up after
unlock).  Run in a fresh process, so this process's own imports hide nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEXICON = "drug_named_entity_recognition"


@pytest.mark.parametrize("module", ["app.ui.draft_flow", "app.ui.main_window"])
def test_ui_import_does_not_load_the_drug_lexicon(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"import app.writing.sourcecheck as sc\n"
        f"assert sc.ADVISORY_NOTE and sc.FactKind\n"
        f"print(sorted(m for m in sys.modules if m.startswith({LEXICON!r}) "
        f"or m == 'app.writing.sourcecheck.check'))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} loaded: {result.stdout.strip()}"


def test_check_draft_still_loads_on_first_use() -> None:
    code = (
        "import sys\n"
        "from app.writing.sourcecheck import check_draft, Fact, Finding\n"
        f"assert {LEXICON!r} in sys.modules\n"
        "assert check_draft('Sertraline 50 mg daily.', 'Sertraline 100 mg daily.')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
