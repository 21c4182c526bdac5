"""`enclave prompt` run as a real process: what it prints is the golden prompt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.engine.harmony.cases import (
    INJECTION_NOTE,
    INSTRUCTIONS,
    MULTI_TURN_HISTORY_JSON,
    NOTE,
    golden_path,
)

REPO_ROOT = Path(__file__).resolve().parents[3]


def enclave_prompt(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "app.cli", "prompt", *map(str, args)]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, timeout=120, check=False)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_prints_the_golden_prompt_for_each_effort(tmp_path: Path) -> None:
    instructions = write(tmp_path / "instructions.txt", INSTRUCTIONS)
    note = write(tmp_path / "note.txt", NOTE)
    for effort in ("low", "medium", "high"):
        result = enclave_prompt(
            "--effort", effort, "--date", "2025-06-28",
            "--instructions-file", instructions, "--user-file", note,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout == golden_path(f"effort_{effort}").read_bytes()


def test_history_analysis_is_dropped(tmp_path: Path) -> None:
    history = write(tmp_path / "history.json", json.dumps(MULTI_TURN_HISTORY_JSON))
    result = enclave_prompt(
        "--effort", "high", "--date", "2025-06-28",
        "--instructions-file", write(tmp_path / "i.txt", INSTRUCTIONS),
        "--user-file", write(tmp_path / "u.txt", "Make the plan more specific."),
        "--history-file", history,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"SECRET-REASONING" not in result.stdout
    assert result.stdout == golden_path("multi_turn_dropped_analysis").read_bytes()


def test_injection_note_is_printed_verbatim_inside_the_user_message(tmp_path: Path) -> None:
    result = enclave_prompt(
        "--effort", "low", "--date", "2025-06-28",
        "--instructions-file", write(tmp_path / "i.txt", INSTRUCTIONS),
        "--user-file", write(tmp_path / "u.txt", INJECTION_NOTE),
    )  # fmt: skip
    assert result.stdout == golden_path("injection").read_bytes()


def test_tokens_without_model_is_a_clear_error(tmp_path: Path) -> None:
    result = enclave_prompt(
        "--instructions-file", write(tmp_path / "i.txt", "x"),
        "--user-file", write(tmp_path / "u.txt", "y"), "--tokens",
    )  # fmt: skip
    assert result.returncode == 2
    assert b"--tokens needs --model" in result.stderr
    assert result.stdout == b""


def test_malformed_history_is_a_clear_error_without_patient_text(tmp_path: Path) -> None:
    history = write(tmp_path / "h.json", '[{"role": "system", "content": "PATIENT-SECRET"}]')
    result = enclave_prompt(
        "--instructions-file", write(tmp_path / "i.txt", "x"),
        "--user-file", write(tmp_path / "u.txt", "y"), "--history-file", history,
    )  # fmt: skip
    assert result.returncode == 2
    assert b"History turn 0 needs role 'user' or 'assistant'" in result.stderr
    assert b"PATIENT-SECRET" not in result.stderr + result.stdout
    assert b"Traceback" not in result.stderr
