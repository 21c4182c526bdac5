"""The UI's view of the note store (`app.store.NoteStore`).

Translates between the store's records and the UI's small view types.  An
edit is saved as a new draft version whose parent is the latest one, so the
history shows every step; signing signs the latest version.
"""

from __future__ import annotations

from pathlib import Path

from app.store import NoteStore, Provenance, RecordNotFoundError
from app.ui.backend.protocols import DraftProvenance, NoteRepository
from app.ui.viewdata import NoteDetail, NoteRow, VersionRow

SEARCH_LIMIT = 200


class StoreGateImpl:
    """Creates or unlocks the store file at `path` (default: the app's data dir)."""

    def __init__(self, *, path: Path | None = None) -> None:
        self.path = path or NoteStore.default_path()

    def exists(self) -> bool:
        return self.path.exists()

    def create(self, passphrase: str) -> NoteRepository:
        return StoreRepository(NoteStore.create(passphrase=passphrase, path=self.path))

    def unlock(self, passphrase: str) -> NoteRepository:
        return StoreRepository(NoteStore.unlock(passphrase=passphrase, path=self.path))


class StoreRepository:
    def __init__(self, store: NoteStore) -> None:
        self.store = store

    def list_notes(self, query: str) -> list[NoteRow]:
        summaries = (
            self.store.search(query, limit=SEARCH_LIMIT)
            if query.strip()
            else self.store.list_notes(limit=SEARCH_LIMIT)
        )
        return [
            NoteRow(
                note_id=s.id,
                title=s.title,
                template_name=s.document_type,
                signed=s.signed,
            )
            for s in summaries
        ]

    def create_note(self, *, title: str, template_id: str) -> int:
        return self.store.create_note(title=title, document_type=template_id).id

    def load_note(self, note_id: int) -> NoteDetail:
        note = self.store.get_note(note_id)
        source = self.store.get_source(note_id).text
        drafts = self.store.list_drafts(note_id)
        draft_text = max(drafts, key=lambda d: d.version).text if drafts else ""
        sign_offs = self.store.sign_offs(note_id)
        signed = sign_offs[-1] if sign_offs else None
        return NoteDetail(
            note_id=note.id,
            title=note.title,
            template_id=note.document_type,
            source_text=source,
            draft_text=draft_text,
            signed_by=signed.signed_by if signed else "",
            signed_at=signed.signed_at.astimezone().strftime("%Y-%m-%d %H:%M") if signed else "",
            signed_when=signed.signed_at if signed else None,
            created_when=note.created_at,
        )

    def _update(
        self, note_id: int, *, title: str | None = None, template: str | None = None
    ) -> None:
        note = self.store.get_note(note_id)
        self.store.update_note(
            note_id,
            title=note.title if title is None else title,
            document_type=note.document_type if template is None else template,
            patient_label=note.patient_label,
        )

    def save_title(self, note_id: int, title: str) -> None:
        self._update(note_id, title=title)

    def save_template(self, note_id: int, template_id: str) -> None:
        self._update(note_id, template=template_id)

    def save_source(self, note_id: int, text: str) -> None:
        self.store.save_source(note_id, text=text)

    def add_draft(self, note_id: int, text: str, *, provenance: DraftProvenance | None) -> int:
        if provenance is None:
            drafts = self.store.list_drafts(note_id)
            parent = max((d.version for d in drafts), default=None)
            return self.store.save_edit(note_id, text=text, parent_version=parent).version
        source_version = self.store.get_source(note_id).version
        return self.store.add_generated_draft(
            note_id, text=text, provenance=_store_provenance(provenance),
            source_version=source_version,
        ).version

    def versions(self, note_id: int) -> list[VersionRow]:
        drafts = sorted(self.store.list_drafts(note_id), key=lambda d: d.version, reverse=True)
        return [
            VersionRow(
                version_id=d.version,
                created_at=d.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                origin=f"v{d.version} {d.kind.value}",
                text=d.text,
            )
            for d in drafts
        ]

    def sign(self, note_id: int, *, clinician: str) -> None:
        latest = self.store.get_draft(note_id)
        self.store.sign(note_id, version=latest.version, signed_by=clinician)

    def record_export(self, note_id: int, *, fmt: str) -> None:
        self.store.record_export(note_id, export_format=fmt)

    def custom_templates_json(self) -> list[str]:
        return [t.body for t in self.store.list_templates()]

    def save_custom_template_json(self, template_id: str, text: str) -> None:
        import json

        name = str(json.loads(text).get("name", template_id))
        try:
            version = self.store.get_template(template_id).version + 1
        except RecordNotFoundError:
            version = 1
        self.store.save_template(template_id=template_id, name=name, version=version, body=text)

    def lock(self) -> None:
        self.store.lock()


def _store_provenance(provenance: DraftProvenance) -> Provenance:
    major = provenance.template_version.split(".", 1)[0]
    return Provenance(
        model_file=provenance.model_file,
        model_sha256=provenance.model_sha256,
        reasoning_effort=provenance.effort,
        template_id=provenance.template_id,
        template_version=int(major) if major.isdigit() else 0,
        sampling={"temperature": 1.0, "top_p": 1.0, "template_semver": provenance.template_version},
        prompt_tokens=provenance.prompt_tokens,
        completion_tokens=provenance.generated_tokens,
        timings={"total_s": provenance.seconds},
    )
