"""Every export format of the writing layer, built from what the store holds.

The document is assembled from the store's own rows (latest version, its
sign-off), as the app does, so an export carries exactly what was signed.
"""

from __future__ import annotations

from pathlib import Path

from app.store import NoteStore
from app.writing.export import ExportDocument, ExportFormat, export
from app.writing.templates import Template


def _document(store: NoteStore, note_id: int, *, template: Template) -> ExportDocument:
    note = store.get_note(note_id)
    draft = store.get_draft(note_id)
    signatures = [s for s in store.sign_offs(note_id) if s.draft_version == draft.version]
    signature = signatures[-1] if signatures else None
    return ExportDocument(
        title=note.title,
        document_type=template.document_type,
        text=draft.text,
        created=note.created_at,
        signed=signature is not None,
        signer=signature.signed_by if signature else None,
        signed_at=signature.signed_at if signature else None,
        patient_label=note.patient_label,
        template_id=template.id,
    )


def export_all_formats(
    store: NoteStore, note_id: int, *, template: Template, export_dir: Path
) -> dict[str, Path]:
    export_dir.mkdir(parents=True, exist_ok=True)
    document = _document(store, note_id, template=template)
    return {
        fmt.value: export(document, export_dir / f"note.{fmt.value}", export_format=fmt)
        for fmt in ExportFormat
    }
