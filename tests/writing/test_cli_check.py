"""`enclave check` prints the findings an auditor needs, as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.writing.pairs import load_cases


def test_check_json_lists_findings_with_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = next(c for c in load_cases() if c.id == "ed-chest-pain")
    (tmp_path / "s.txt").write_text(case.source, encoding="utf-8")
    (tmp_path / "d.txt").write_text(case.injected, encoding="utf-8")
    code = main(["check", "--source", str(tmp_path / "s.txt"), "--draft",
                 str(tmp_path / "d.txt"), "--json"])
    assert code == 0
    output = json.loads(capsys.readouterr().out)
    texts = {(f["kind"], f["text"]) for f in output["findings"]}
    assert {("medication", "clopidogrel"), ("route", "intravenously")} <= texts
    for finding in output["findings"]:
        assert case.injected[finding["start"] : finding["end"]] == finding["text"]
    assert output["crisis"] == {"source": [], "draft": []}
    assert "not a proof" in output["advisory"]


def test_check_reports_unreadable_input_as_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    code = main(["check", "--source", str(tmp_path / "bad.txt"), "--draft",
                 str(tmp_path / "bad.txt")])
    assert code == 2
    assert "could not be read" in capsys.readouterr().err
