"""The bundle of layer adapters a window works with."""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.backend.protocols import EngineService, StoreGate, WritingService


@dataclass
class Services:
    gate: StoreGate
    writing: WritingService
    engine: EngineService
