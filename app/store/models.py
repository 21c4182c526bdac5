"""Typed, immutable rows handed out by the store.

Frozen dataclasses rather than sqlite rows so callers on any thread get plain
values that cannot drift from the database and cannot be written back by
accident: every change goes through a `NoteStore` method, which appends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


def utc_now() -> datetime:
    return datetime.now(UTC)


class DraftKind(StrEnum):
    GENERATED = "generated"
    EDITED = "edited"


class AuditEventKind(StrEnum):
    CREATED = "created"
    SOURCE_SAVED = "source_saved"
    GENERATED = "generated"
    EDITED = "edited"
    SIGNED = "signed"
    EXPORTED = "exported"
    BACKED_UP = "backed_up"
    RESTORED = "restored"
    REKEYED = "rekeyed"
    UNLOCKED = "unlocked"
    UNLOCK_FAILED = "unlock_failed"
    TEMPLATE_SAVED = "template_saved"
    TEMPLATE_DELETED = "template_deleted"


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    title: str
    document_type: str
    patient_label: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class NoteSummary:
    id: int
    title: str
    document_type: str
    patient_label: str | None
    updated_at: datetime
    latest_draft_version: int | None
    signed: bool


@dataclass(frozen=True, slots=True)
class SourceVersion:
    note_id: int
    version: int
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Provenance:
    """How a generated draft came to be: enough to reproduce or audit it."""

    model_file: str
    model_sha256: str
    reasoning_effort: str
    template_id: str
    template_version: int
    sampling: Mapping[str, float | int | str] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int = 0
    timings: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DraftVersion:
    id: int
    note_id: int
    version: int
    kind: DraftKind
    text: str
    created_at: datetime
    source_version: int | None
    parent_version: int | None
    provenance: Provenance | None


@dataclass(frozen=True, slots=True)
class Autosave:
    """The in-progress editor buffer: the one row that is overwritten."""

    note_id: int
    text: str
    base_version: int | None
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class SignOff:
    id: int
    note_id: int
    draft_version: int
    signed_by: str
    signed_at: datetime
    text_sha256: str


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: datetime
    event: AuditEventKind
    note_id: int | None
    detail: str


@dataclass(frozen=True, slots=True)
class StoredTemplate:
    """A custom template; `body` is the writing layer's JSON, kept opaque here."""

    template_id: str
    name: str
    version: int
    body: str
    saved_at: datetime
