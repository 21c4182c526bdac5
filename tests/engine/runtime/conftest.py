"""A loaded tiny model shared by the runtime tests (loading per test is wasteful)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import llama_cpp
import pytest

from engine.runtime.loader import LoadedModel, load_model
from engine.runtime.planner import KvCacheType, Placement, Plan
from engine.runtime.session import Session

N_CTX = 4096


def cpu_plan(*, n_ctx: int = N_CTX, n_cpu_moe: int = 0) -> Plan:
    placement = Placement.EXPERTS_ON_CPU if n_cpu_moe else Placement.CPU_ONLY
    return Plan(placement, n_ctx, KvCacheType.F16, True, n_cpu_moe, 0, 0, "test plan")


@pytest.fixture
def llama_log() -> Iterator[list[str]]:
    """llama.cpp's own log lines while the test runs."""
    lines: list[str] = []
    callback = llama_cpp.llama_log_callback(lambda _level, text, _data: lines.append(text.decode()))
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))
    yield lines
    from llama_cpp import _logger

    llama_cpp.llama_log_set(_logger.llama_log_callback, ctypes.c_void_p(0))


@pytest.fixture(scope="module")
def tiny_loaded(tiny_model_path: Path) -> Iterator[LoadedModel]:
    with load_model(tiny_model_path, plan=cpu_plan()) as model:
        yield model


@pytest.fixture
def session(tiny_loaded: LoadedModel) -> Session:
    fresh = Session(tiny_loaded, output_reserve=256)
    fresh.forget()
    return fresh
