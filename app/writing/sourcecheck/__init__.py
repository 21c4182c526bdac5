"""Deterministic fact-to-source check (see `check.check_draft`)."""

from app.writing.sourcecheck.check import ADVISORY_NOTE, check_draft
from app.writing.sourcecheck.model import Fact, FactKind, Finding

__all__ = ["ADVISORY_NOTE", "Fact", "FactKind", "Finding", "check_draft"]
