"""The encrypted note store: one SQLCipher file per clinician, no Qt.

Import from here; the sub-modules are implementation detail.
"""

from app.store.errors import (
    DiskFullError,
    InvalidPassphraseError,
    InvalidTemplateError,
    RecordNotFoundError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreExistsError,
    StoreIOError,
    StoreLockedError,
    StoreNotFoundError,
    StoreTooNewError,
    WrongPassphraseError,
)
from app.store.models import (
    AuditEvent,
    AuditEventKind,
    Autosave,
    DraftKind,
    DraftVersion,
    Note,
    NoteSummary,
    Provenance,
    SignOff,
    SourceVersion,
    StoredTemplate,
)
from app.store.store import NoteStore

__all__ = [
    "AuditEvent",
    "AuditEventKind",
    "Autosave",
    "DiskFullError",
    "DraftKind",
    "DraftVersion",
    "InvalidPassphraseError",
    "InvalidTemplateError",
    "Note",
    "NoteStore",
    "NoteSummary",
    "Provenance",
    "RecordNotFoundError",
    "SignOff",
    "SourceVersion",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreExistsError",
    "StoreIOError",
    "StoreLockedError",
    "StoreNotFoundError",
    "StoreTooNewError",
    "StoredTemplate",
    "WrongPassphraseError",
]
