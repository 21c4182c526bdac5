"""`enclave draft` end to end on the tiny model."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


def test_draft_streams_and_reports_on_stderr(
    tiny_model_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Pt seen for f/u. BP 120/80. Mood improved on sertraline.", encoding="utf-8")
    argv = ["draft", "--model", str(tiny_model_path), "--effort", "low", "--seed", "4"]
    code = main([*argv, "--max-tokens", "30", "--ctx", "2048", str(notes)])
    captured = capsys.readouterr()
    assert code == 0
    assert "No supported GPU was found" in captured.err
    assert "30 generated" in captured.err or "[return]" in captured.err or "[call]" in captured.err
    assert "Reasoning" not in captured.out and "<|" not in captured.out


def test_missing_notes_file_is_a_clear_error(
    tiny_model_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["draft", "--model", str(tiny_model_path), str(tmp_path / "absent.txt")])
    assert code == 2
    assert "Cannot read absent.txt" in capsys.readouterr().err
