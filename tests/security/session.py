"""A whole clinician session, headless, through the real layers.

Create the encrypted store, validate and hash the tiny model, load it, draft
from source notes carrying a marker, run the source check, edit the draft
(the marker goes into the draft too), sign, export every format the writing
layer offers to a folder of the caller's choosing, back up, lock.  The
network and leak tests run exactly this, so "0 attempts" and "0 occurrences"
are measured over everything a clinician's day touches.

Run it on the harmony-steered tiny model (`steered_model_path`): the prompt
ends at `<|start|>assistant` as in the app, and the draft is whatever the
model itself wrote on the final channel after (usually) some reasoning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from app.store import NoteStore, Provenance
from app.writing.prompt import build_conversation
from app.writing.sourcecheck import check_draft
from app.writing.templates import Template, bundled_template
from engine.conversation import Effort
from engine.harmony.render import render_tokens
from engine.modelfile import open_model_file, sha256_file
from engine.runtime.events import AnalysisDelta, Done, FinalDelta
from engine.runtime.loader import load_model, plan_for_model
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session

PASSPHRASE = "correct horse battery staple"
TEMPLATE_ID = "soap-note"
CONTEXT = 4096
SAMPLING = SamplingOptions(seed=7, max_tokens=1024)  # steered answers end far sooner


@dataclass(frozen=True)
class SessionResult:
    store_path: Path
    note_id: int
    generated_tokens: int
    model_draft: str  # what the model wrote on the final channel
    model_reasoning: str  # what it wrote on the analysis channel
    draft_text: str
    findings: int
    versions: int
    signed_version: int
    exports: dict[str, Path] = field(default_factory=dict)
    backup: Path | None = None


def source_notes(marker: str) -> str:
    return (
        f"Client {marker} reports sleeping 6 hours, down from 8. Denies suicidal ideation. "
        "Started sertraline 50 mg PO daily two weeks ago; mild nausea. BP 128/82."
    )


def _draft(model_path: Path, template: Template, source: str) -> tuple[str, str, int, int]:
    """(final text, analysis text, prompt tokens, generated tokens) from the real runtime."""
    model_file = open_model_file(model_path)
    conversation = build_conversation(
        template, [source], effort=Effort.LOW, current_date=dt.date(2025, 1, 6)
    )
    plan = plan_for_model(model_file, n_ctx=CONTEXT)
    with load_model(model_file, plan=plan) as loaded:
        session = Session(loaded, output_reserve=SAMPLING.max_tokens)
        prompt = render_tokens(conversation, loaded.codec)
        events = list(session.generate(prompt, sampling=SAMPLING))
    done = events[-1]
    assert isinstance(done, Done)
    text = "".join(event.text for event in events if isinstance(event, FinalDelta))
    reasoning = "".join(event.text for event in events if isinstance(event, AnalysisDelta))
    return text, reasoning, len(prompt), done.stats.generated_tokens


def _provenance(model_path: Path, template: Template, prompt: int, generated: int) -> Provenance:
    return Provenance(
        model_file=model_path.name,
        model_sha256=sha256_file(model_path),
        reasoning_effort=Effort.LOW.value,
        template_id=template.id,
        template_version=int(template.version.split(".", 1)[0]),
        sampling={"temperature": SAMPLING.temperature, "top_p": SAMPLING.top_p},
        prompt_tokens=prompt,
        completion_tokens=generated,
    )


def run_headless_session(*, model_path: Path, marker: str, export_dir: Path) -> SessionResult:
    template = bundled_template(TEMPLATE_ID)
    store = NoteStore.create(passphrase=PASSPHRASE)
    source = source_notes(marker)
    note = store.create_note(title="Follow-up", document_type=template.id, source_text=source)
    text, reasoning, prompt_tokens, generated = _draft(model_path, template, source)
    provenance = _provenance(model_path, template, prompt_tokens, generated)
    generated_version = store.add_generated_draft(note.id, text=text, provenance=provenance)
    edited = f"{text}\nSubjective: {marker} sleeping 6 hours. Plan: continue sertraline 50 mg."
    findings = check_draft(source, edited)
    store.save_autosave(note.id, text=edited, base_version=generated_version.version)
    final = store.save_edit(note.id, text=edited, parent_version=generated_version.version)
    store.sign(note.id, version=final.version, signed_by="Dr Example")
    exports = export_everything(store, note.id, template=template, export_dir=export_dir)
    backup = store.backup()
    versions = len(store.list_drafts(note.id))
    store.lock()
    return SessionResult(
        store_path=store.path,
        note_id=note.id,
        generated_tokens=generated,
        model_draft=text,
        model_reasoning=reasoning,
        draft_text=edited,
        findings=len(findings),
        versions=versions,
        signed_version=final.version,
        exports=exports,
        backup=backup,
    )


def export_everything(
    store: NoteStore, note_id: int, *, template: Template, export_dir: Path
) -> dict[str, Path]:
    """Every export format of the writing layer, each recorded in the audit log."""
    from tests.security.session_exports import export_all_formats

    exports = export_all_formats(store, note_id, template=template, export_dir=export_dir)
    for export_format in exports:
        store.record_export(note_id, export_format=export_format)
    return exports
