"""`python -m app --self-test MODEL` from the source tree: every layer a build
can break is exercised, and failures are reported, not hidden."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.installer.conftest import PYTHON, REPO, run


def _self_test(*args: str, home: Path) -> tuple[int, str, str]:
    env = {**os.environ, "ENCLAVE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = run([str(PYTHON), "-m", "app", "--self-test", *args], cwd=REPO, env=env, timeout=300)
    return result.returncode, result.stdout, result.stderr


def test_self_test_passes_on_the_tiny_model(tiny_model_path: Path, enclave_home: Path) -> None:
    code, out, err = _self_test(str(tiny_model_path), "--tokens", "6", home=enclave_home)

    assert code == 0, out + err
    assert re.search(r"^  ok   backend +CPU", out, re.MULTILINE), out
    assert re.search(r"^  ok   store +encrypted round trip, integrity ok", out, re.MULTILINE)
    assert re.search(r"^  ok   model \+ draft .*drafted 6 tokens", out, re.MULTILINE), out
    assert "refused a loopback connection" in out
    assert out.rstrip().endswith("self-test passed")
    assert "llama_model_loader" not in err  # llama.cpp's log is routed away


def test_self_test_leaves_nothing_behind(tiny_model_path: Path, enclave_home: Path) -> None:
    code, _, _ = _self_test(str(tiny_model_path), home=enclave_home)

    assert code == 0
    leftovers = [p for p in enclave_home.rglob("*") if p.is_file()]
    assert leftovers == []


def test_self_test_writes_the_report_file(
    tiny_model_path: Path, enclave_home: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    code, out, _ = _self_test(str(tiny_model_path), "--report", str(report), home=enclave_home)

    assert code == 0
    assert report.read_text(encoding="utf-8") == out


def test_a_damaged_model_fails_with_a_clear_message(enclave_home: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-model.gguf"
    bogus.write_bytes(b"this is not a GGUF file" * 100)

    code, out, _ = _self_test(str(bogus), home=enclave_home)

    assert code == 1
    assert re.search(r"^  FAIL model \+ draft", out, re.MULTILINE), out
    assert "self-test FAILED: model + draft" in out
    assert re.search(r"^  ok   store", out, re.MULTILINE)


def test_a_missing_model_is_a_usage_error(enclave_home: Path, tmp_path: Path) -> None:
    code, _, err = _self_test(str(tmp_path / "absent.gguf"), home=enclave_home)

    assert code == 2
    assert "model file not found" in err
