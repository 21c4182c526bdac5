"""UI test fixtures: the real engine adapter with a tiny model loaded once per
module — the harmony-steered model for drafts, the random one pre-opened on
a channel where a test needs a stream long enough to stop."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ui.backend.engine_side import RealEngine
from tests.ui.engine_harness import ChannelEngine

UI_CONTEXT = 8192


def load_engine(engine: RealEngine, model_path: Path, *, context: int = UI_CONTEXT) -> RealEngine:
    loading = engine.load(
        path=str(model_path), context_size=context, cpu_moe_layers=None, cancel=threading.Event()
    )
    for _progress in loading:
        pass
    return engine


@pytest.fixture(scope="module")
def loaded_engine(steered_model_path: Path) -> Iterator[RealEngine]:
    """The app's own adapter, unchanged: the model writes its own headers."""
    engine = RealEngine(model_path=lambda: str(steered_model_path), context_size=lambda: UI_CONTEXT)
    yield load_engine(engine, steered_model_path)
    engine.unload()


@pytest.fixture(scope="module")
def streaming_engine(tiny_model_path: Path) -> Iterator[ChannelEngine]:
    """Streams on the final channel until max_tokens: something to stop."""
    engine = ChannelEngine(model_path=lambda: str(tiny_model_path), context_size=lambda: UI_CONTEXT)
    load_engine(engine, tiny_model_path)
    yield engine
    engine.unload()
