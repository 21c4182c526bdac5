"""`enclave model inspect|hash` print what an installer needs, and fail cleanly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.cli import main


def test_inspect_prints_a_readable_report(
    tiny_model_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["model", "inspect", str(tiny_model_path)]) == 0
    out = capsys.readouterr().out
    assert "Architecture:    gpt-oss" in out
    assert "Context length:  32,768 tokens" in out
    assert "Experts:         4, 2 used per token" in out
    assert "MXFP4" in out


def test_inspect_json_lists_every_tensor(
    tiny_model_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["model", "inspect", "--json", str(tiny_model_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["architecture"] == "gpt-oss"
    assert report["block_count"] == 4
    assert len(report["tensors"]) == 79
    assert sum(t["n_bytes"] for t in report["tensors"]) == report["tensor_bytes"]
    assert set(report["bytes_by_type"]) == {"F32", "MXFP4"}


def test_hash_prints_sha256(tiny_model_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "hash", str(tiny_model_path)]) == 0
    expected = hashlib.sha256(tiny_model_path.read_bytes()).hexdigest()
    assert capsys.readouterr().out.split()[0] == expected


def test_bad_file_gives_message_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.gguf"
    bad.write_text("not a model")
    assert main(["model", "inspect", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "not a GGUF model file" in captured.err
    assert "Traceback" not in captured.err
