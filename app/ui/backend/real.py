"""Wire the UI to the real store, writing layer and engine."""

from __future__ import annotations

from pathlib import Path

from app.ui.backend.engine_side import RealEngine
from app.ui.backend.store_side import StoreGateImpl
from app.ui.backend.writing_side import RealWriting
from app.ui.services import Services
from app.ui.settings import load_settings


def build_services(*, store_path: Path | None = None) -> Services:
    engine = RealEngine(
        model_path=lambda: load_settings().model_path,
        context_size=lambda: load_settings().context_size,
    )
    return Services(gate=StoreGateImpl(path=store_path), writing=RealWriting(), engine=engine)
