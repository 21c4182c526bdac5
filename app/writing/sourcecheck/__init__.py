"""Deterministic fact-to-source check (see `check.check_draft`).

`check_draft` is loaded on first use (PEP 562): importing `check` loads the
offline drug lexicon, over a second of Python that must not run on the GUI
thread, so the package itself only carries the light names."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.writing.sourcecheck.advisory import ADVISORY_NOTE
from app.writing.sourcecheck.model import Fact, FactKind, Finding

if TYPE_CHECKING:
    from app.writing.sourcecheck.check import check_draft

__all__ = ["ADVISORY_NOTE", "Fact", "FactKind", "Finding", "check_draft"]

_LAZY = {"check_draft": "app.writing.sourcecheck.check"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
