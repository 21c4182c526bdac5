"""Suite-wide rules: no test touches a real profile, Qt runs offscreen, and
the tiny gpt-oss model is built once per session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run (a red CI blocks landing); local runs
# explore new ones, which is how the header fuzz found a 24 GB allocation.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def enclave_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own ENCLAVE_HOME; the real profile is never touched."""
    home = tmp_path_factory.mktemp("enclave-home")
    monkeypatch.setenv("ENCLAVE_HOME", str(home))
    yield home


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny gpt-oss-architecture GGUF, built once per session, deterministic."""
    from tests.fixtures.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-model") / "tiny-gpt-oss.gguf", seed=0)


@pytest.fixture(scope="session")
def steered_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model whose own forward pass writes harmony headers: it picks
    analysis and/or final by itself after `<|start|>assistant`."""
    from tests.fixtures.tiny_model import build_tiny_model

    directory = tmp_path_factory.mktemp("steered-model")
    return build_tiny_model(directory / "tiny-gpt-oss-steered.gguf", seed=0, harmony_steered=True)
