"""Plain data the views display, produced by `app.ui.backend` from the
store, writing and engine layers.  Keeping views on these small types means a
widget never holds a store connection or a model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateChoice:
    template_id: str
    name: str
    custom: bool = False


@dataclass(frozen=True)
class NoteRow:
    note_id: int
    title: str
    template_name: str  # the store gives the template id; the window shows its name
    signed: bool


@dataclass(frozen=True)
class VersionRow:
    version_id: int
    created_at: str
    origin: str  # "generated" or "edited"
    text: str


@dataclass(frozen=True)
class NoteDetail:
    note_id: int
    title: str
    template_id: str
    source_text: str
    draft_text: str
    signed_by: str  # "" while unsigned
    signed_at: str  # for display
    signed_when: dt.datetime | None = None
    created_when: dt.datetime | None = None


@dataclass(frozen=True)
class FindingView:
    """A fact in the draft the source does not support."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class CrisisView:
    """Risk language found in the source or the draft."""

    category: str
    where: str  # "source" or "draft"
    explanation: str
