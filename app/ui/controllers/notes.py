"""The open note and its autosave.

Every edit restarts a short timer; when the clinician pauses the text is
saved — the source in place, the draft as a new version (editing never
overwrites).  `flush()` saves at once, before switching notes, drafting or
locking, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.backend.protocols import DraftProvenance, NoteRepository
from app.ui.viewdata import NoteDetail, NoteRow

AUTOSAVE_DELAY_MS = 1500


class NotesController(QObject):
    notes_listed = Signal(list)  # list[NoteRow]
    note_opened = Signal(object)  # NoteDetail
    saved = Signal()
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo: NoteRepository | None = None
        self.current: NoteDetail | None = None
        self.query = ""
        self._pending_source: str | None = None
        self._pending_draft: str | None = None
        self._pending_title: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def attach(self, repo: NoteRepository) -> None:
        self.repo = repo
        self.refresh()

    def detach(self) -> NoteRepository | None:
        """Drop the repository (at lock) after saving what is pending."""
        self.flush()
        repo, self.repo, self.current = self.repo, None, None
        return repo

    def refresh(self, *, query: str | None = None) -> list[NoteRow]:
        if query is not None:
            self.query = query
        if self.repo is None:
            return []
        rows = self.repo.list_notes(self.query)
        self.notes_listed.emit(rows)
        return rows

    def create(self, *, title: str, template_id: str) -> int:
        assert self.repo is not None
        self.flush()
        note_id = self.repo.create_note(title=title, template_id=template_id)
        self.refresh()
        self.open(note_id)
        return note_id

    def open(self, note_id: int) -> None:
        if self.repo is None:
            return
        if self.current is not None and self.current.note_id == note_id:
            return
        self.flush()
        self.current = self.repo.load_note(note_id)
        self.note_opened.emit(self.current)

    def reload_current(self) -> NoteDetail | None:
        if self.repo is None or self.current is None:
            return None
        self.current = self.repo.load_note(self.current.note_id)
        return self.current

    def source_edited(self, text: str) -> None:
        if self.current is not None and text != self.current.source_text:
            self._pending_source = text
            self._timer.start()

    def draft_edited(self, text: str) -> None:
        if self.current is not None and text != self.current.draft_text:
            self._pending_draft = text
            self._timer.start()

    def title_edited(self, text: str) -> None:
        if self.current is not None and text != self.current.title:
            self._pending_title = text
            self._timer.start()

    def template_chosen(self, template_id: str) -> None:
        if self.repo is not None and self.current is not None and template_id:
            self.repo.save_template(self.current.note_id, template_id)
            self.current = self.repo.load_note(self.current.note_id)

    def has_pending(self) -> bool:
        pending = (self._pending_source, self._pending_draft, self._pending_title)
        return any(p is not None for p in pending)

    def flush(self) -> None:
        self._timer.stop()
        if self.repo is None or self.current is None or not self.has_pending():
            return
        note_id = self.current.note_id
        try:
            if self._pending_title is not None:
                self.repo.save_title(note_id, self._pending_title)
            if self._pending_source is not None:
                self.repo.save_source(note_id, self._pending_source)
            if self._pending_draft is not None:
                self.repo.add_draft(note_id, self._pending_draft, provenance=None)
        except Exception as exc:
            self.failed.emit(exc)
            return
        title_changed = self._pending_title is not None
        self._pending_source = self._pending_draft = self._pending_title = None
        self.current = self.repo.load_note(note_id)
        self.saved.emit()
        if title_changed:
            self.refresh()

    def save_generated(self, text: str, *, provenance: DraftProvenance) -> None:
        assert self.repo is not None and self.current is not None
        self.flush()
        self.repo.add_draft(self.current.note_id, text, provenance=provenance)
        self.current = self.repo.load_note(self.current.note_id)
        self.saved.emit()
