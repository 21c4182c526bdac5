"""Deterministic fact-to-source check (see `check.check_draft`)."""

from app.writing.sourcecheck.check import check_draft
from app.writing.sourcecheck.model import Fact, FactKind, Finding

__all__ = ["Fact", "FactKind", "Finding", "check_draft"]
