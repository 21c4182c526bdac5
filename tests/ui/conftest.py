"""UI test fixtures: one tiny model loaded once per module through the app's
real engine adapter."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.engine_harness import ChannelEngine

UI_CONTEXT = 8192


def load_engine(model_path: Path, *, context: int = UI_CONTEXT) -> ChannelEngine:
    engine = ChannelEngine(model_path=lambda: str(model_path), context_size=lambda: context)
    loading = engine.load(
        path=str(model_path), context_size=context, cpu_moe_layers=None, cancel=threading.Event()
    )
    for _progress in loading:
        pass
    return engine


@pytest.fixture(scope="module")
def loaded_engine(tiny_model_path: Path) -> Iterator[ChannelEngine]:
    engine = load_engine(tiny_model_path)
    yield engine
    engine.unload()
