"""What an export is made from: a plain snapshot of one note, independent of
the store, so every format renders the same content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.writing.templates import DocumentType

DRAFT_MARK = "AI-generated draft — not reviewed"


@dataclass(frozen=True)
class ExportDocument:
    title: str
    document_type: DocumentType
    text: str
    created: dt.datetime
    signed: bool = False
    signer: str | None = None
    signed_at: dt.datetime | None = None
    patient_label: str | None = None
    template_id: str | None = None

    @property
    def needs_draft_mark(self) -> bool:
        return not self.signed

    def signature_line(self) -> str | None:
        if not self.signed:
            return None
        when = self.signed_at.isoformat(timespec="minutes") if self.signed_at else ""
        return f"Signed by {self.signer or 'clinician'} {when}".strip()
