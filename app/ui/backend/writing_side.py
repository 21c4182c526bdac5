"""The UI's view of the writing layer: templates, the request, the source
check, the crisis flag and exports.

Custom templates arrive as the JSON the store keeps; bundled ones come from
assets.  The crisis flag runs on both the source and the draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app.ui.viewdata import CrisisView, FindingView, NoteDetail, TemplateChoice
from app.writing.prompt import build_conversation
from app.writing.templates import Template, duplicate, load_bundled_templates
from engine.conversation import Conversation, Effort

if TYPE_CHECKING:
    from app.writing.export import ExportDocument

# Export formats by file suffix (values of app.writing.export.ExportFormat); the
# export, crisis and source-check modules are imported on first use, off the GUI
# thread, because the drug lexicon alone takes over a second to load.

EXPORT_FILTERS = {
    "docx": "Word document (*.docx)",
    "txt": "Plain text (*.txt)",
    "md": "Markdown (*.md)",
    "html": "Web page (*.html)",
    "fhir.json": "FHIR DocumentReference (*.fhir.json)",
}
CRISIS_WORDS = {
    "suicidal_ideation": "suicidal thoughts",
    "self_harm": "self-harm",
    "harm_to_others": "risk of harm to others",
    "abuse": "abuse",
}
CONTEXT_WORDS = {"statement": "", "quoted": " (quoted)", "family_history": " (family history)"}


class RealWriting:
    def __init__(self) -> None:
        self._bundled = {t.id: t for t in load_bundled_templates()}
        self._custom: dict[str, Template] = {}

    # -- templates ------------------------------------------------------------

    def templates(self, custom_json: list[str]) -> list[TemplateChoice]:
        self._custom = {}
        for text in custom_json:
            template = Template.from_json(text)
            self._custom[template.id] = template
        every = [*self._bundled.values(), *self._custom.values()]
        return [TemplateChoice(t.id, t.name, t.custom) for t in every]

    def _template(self, template_id: str) -> Template:
        found = self._custom.get(template_id) or self._bundled.get(template_id)
        if found is None:
            return next(iter(self._bundled.values()))
        return found

    def template_version(self, template_id: str) -> str:
        return self._template(template_id).version

    def template_json(self, template_id: str, custom_json: list[str]) -> str:
        self.templates(custom_json)
        return self._template(template_id).to_json()

    def duplicate_template(
        self, template_id: str, *, new_name: str, custom_json: list[str]
    ) -> tuple[str, str]:
        self.templates(custom_json)
        copy = duplicate(self._template(template_id), new_name)
        return copy.id, copy.to_json()

    def validate_template_json(self, text: str) -> str:
        return Template.from_json(text).id

    # -- drafting ------------------------------------------------------------

    def conversation(self, *, template_id: str, source: str, effort: str) -> Conversation:
        return build_conversation(
            self._template(template_id), [source], effort=Effort(effort),
            current_date=dt.date.today(),
        )

    def check(self, *, source: str, draft: str) -> list[FindingView]:
        from app.writing.sourcecheck import check_draft

        return [FindingView(f.start, f.end, f.reason) for f in check_draft(source, draft)]

    def crisis(self, *, source: str, draft: str) -> list[CrisisView]:
        from app.writing.crisis import find_crisis_language

        views = []
        for where, text in (("source", source), ("draft", draft)):
            for flag in find_crisis_language(text):
                category, context = flag.category.value, flag.context.value
                explanation = CRISIS_WORDS.get(category, category)
                explanation += CONTEXT_WORDS.get(context, "")
                views.append(CrisisView(flag.category.value, where, explanation))
        return views

    def warm_up(self) -> None:
        """Load the drug lexicon and the checkers' patterns (seconds of pure
        Python that holds the GIL): run once on a worker right after unlock, so
        no draft's check pays for it while another draft streams."""
        sample = "Seen today. Sertraline 50 mg daily. No thoughts of self-harm."
        self.check(source=sample, draft=sample)
        self.crisis(source=sample, draft=sample)

    # -- export --------------------------------------------------------------

    def export_formats(self) -> dict[str, str]:
        return dict(EXPORT_FILTERS)

    def export(self, note: NoteDetail, *, fmt: str, destination: Path) -> None:
        from app.writing.export import ExportFormat, export

        export(self._document(note), destination, export_format=ExportFormat(fmt))

    def export_html(self, note: NoteDetail) -> str:
        from app.writing.export import to_html

        return to_html(self._document(note))

    def _document(self, note: NoteDetail) -> ExportDocument:
        from app.writing.export import ExportDocument

        template = self._template(note.template_id)
        return ExportDocument(
            title=note.title,
            document_type=template.document_type,
            text=note.draft_text,
            created=note.created_when or dt.datetime.now(dt.UTC),
            signed=bool(note.signed_by),
            signer=note.signed_by or None,
            signed_at=note.signed_when,
            template_id=template.id,
        )
