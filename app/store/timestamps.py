"""One text form for every timestamp column: ISO 8601 in UTC, microseconds.

Fixed-width UTC strings sort in time order, so `ORDER BY updated_at` and
backup file names need no parsing.
"""

from __future__ import annotations

from datetime import datetime

from app.store.models import utc_now


def now_text() -> str:
    return to_text(utc_now())


def to_text(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)


def compact(moment: datetime) -> str:
    """File-name safe and still sortable: 20260101T120000123456Z."""
    return moment.strftime("%Y%m%dT%H%M%S%fZ")
