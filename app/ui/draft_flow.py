"""From the Draft button to a checked, saved version.

Order: save what is typed → build the request (writing layer) → make sure the
model is loaded and the checkers are warm → stream (reasoning to its pane,
final text to the draft) → save the result as a generated version with its
provenance → run the source check and the crisis flag off the GUI thread → highlight findings.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.ui.backend.protocols import DraftProvenance, LoadedModelInfo
from app.ui.controllers.drafting import DraftOutcome
from app.ui.errors import report_error, show_error
from app.ui.worker import Worker
from app.writing.sourcecheck.advisory import ADVISORY_NOTE
from engine.runtime.events import FinishReason

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

_OUTCOME_TEXT = {
    FinishReason.RETURN: "Draft complete. Review it against your notes before signing.",
    FinishReason.LENGTH: "The draft stopped at the length limit; review what is there.",
    FinishReason.CALL: "The model stopped unexpectedly; review what is there.",
    FinishReason.CANCELLED: "Stopped. The partial draft is kept; nothing was saved from it.",
}


class DraftFlow(QObject):
    checks_done = Signal()
    draft_saved = Signal()

    def __init__(self, *, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._request: dict[str, Any] = {}
        self._check_worker: Worker | None = None
        self._warm_worker: Worker | None = None
        self.is_warm = False
        self._run_when_warm = False
        self._awaiting_model = False
        drafting = window.drafting
        pane = window.draft_pane
        drafting.started.connect(self._on_started)
        drafting.prompt_progress.connect(lambda d, t: pane.show_prompt_progress(done=d, total=t))
        drafting.reasoning_text.connect(pane.append_reasoning)
        drafting.draft_text.connect(pane.append_draft)
        drafting.generation_progress.connect(
            lambda n, rate: pane.show_generation_progress(tokens=n, tokens_per_s=rate)
        )
        drafting.finished.connect(self._on_finished)
        drafting.failed.connect(self._on_failed)
        window.model.loaded.connect(self._on_model_loaded)
        window.model.progress.connect(self._on_model_progress)
        window.model.failed.connect(self._on_model_failed)
        window.source_pane.draft_requested.connect(self.start_draft)
        window.source_pane.stop_requested.connect(self.stop_draft)
        pane.check_requested.connect(self.check_current)

    def start_draft(self) -> None:
        win = self.window
        if win.is_locked or win.drafting.is_running or self._awaiting_model:
            return
        if win.notes.current is not None and win.notes.current.signed_by:
            win.draft_pane.phase.setText("This note is signed. Create a new note to redraft.")
            return
        source = win.source_pane.editor.toPlainText()
        if not source.strip():
            win.draft_pane.phase.setText("Type or paste your notes first.")
            return
        try:
            self._prepare(source)
        except Exception as exc:
            show_error(win, exc)
            return
        win.source_pane.set_generating(True)
        win.draft_pane.begin_generation()
        if not win.model.info:
            win.draft_pane.phase.setText("Loading the model…")
        self._awaiting_model = True
        win.model.when_loaded(self._run, win.settings)

    def _prepare(self, source: str) -> None:
        win = self.window
        if win.notes.current is None:
            win.new_note()
        win.notes.flush()
        template_id = win.source_pane.template_id()
        effort = win.source_pane.effort()
        conversation = win.services.writing.conversation(
            template_id=template_id, source=source, effort=effort
        )
        self._request = {
            "conversation": conversation,
            "template_id": template_id,
            "effort": effort,
            "source": source,
            "note_id": win.notes.current.note_id if win.notes.current else None,
        }

    def warm_up(self) -> None:
        """Right after unlock: load the source check's drug lexicon on a worker.

        Its first import is seconds of GIL-holding Python; run while a draft
        streams it starved the GUI thread for up to ~180 ms, so the first draft
        waits for it instead (the model load usually takes longer anyway)."""
        if self.is_warm or self._warm_worker is not None:
            return
        writing = self.window.services.writing
        self._warm_worker = Worker(lambda _cancel: writing.warm_up(), name="warm-up")
        self._warm_worker.errored.connect(report_error)  # logged; the first check shows it
        self._warm_worker.done.connect(self._on_warm)
        self._warm_worker.start()

    def _on_warm(self) -> None:
        self._warm_worker = None
        self.is_warm = True  # a failure here surfaces again, shown, at the first check
        if self._run_when_warm:
            self._run_when_warm = False
            self._run()

    def _run(self) -> None:
        if not self.is_warm:
            self._run_when_warm = True
            self.warm_up()
            return
        self._awaiting_model = False
        conversation = self._request["conversation"]
        engine = self.window.services.engine
        self._request["started"] = time.monotonic()
        self.window.drafting.start(lambda cancel: engine.generate(conversation, cancel))

    def stop_draft(self) -> None:
        win = self.window
        if win.drafting.is_running:
            win.drafting.stop()
        elif self._run_when_warm:
            self._awaiting_model = self._run_when_warm = False
            self._end("Stopped.")
        elif self._awaiting_model:
            self._awaiting_model = False
            win.model.unload()
            self._end("Stopped before the model finished loading.")

    def _on_started(self) -> None:
        self.window.source_pane.set_generating(True)

    def _on_finished(self, outcome: DraftOutcome) -> None:
        win = self.window
        stats = outcome.stats
        if stats is not None:
            win.status.show_speed(tokens_per_s=stats.generation_tokens_per_s)
        self._end(_OUTCOME_TEXT[outcome.finish_reason])
        complete = outcome.finish_reason is not FinishReason.CANCELLED
        if complete and outcome.final_text.strip() and self._same_note():
            self._save(outcome)
            self._run_checks(outcome.final_text)

    def _save(self, outcome: DraftOutcome) -> None:
        win = self.window
        stats = outcome.stats
        info = win.model.info
        provenance = DraftProvenance(
            model_file=info.name if info else "",
            model_sha256=win.settings.model_sha256,
            effort=self._request["effort"],
            template_id=self._request["template_id"],
            template_version=win.services.writing.template_version(self._request["template_id"]),
            prompt_tokens=stats.prompt_tokens if stats else 0,
            generated_tokens=stats.generated_tokens if stats else 0,
            seconds=time.monotonic() - self._request.get("started", time.monotonic()),
        )
        try:
            win.notes.save_generated(outcome.final_text, provenance=provenance)
        except Exception as exc:
            show_error(win, exc)
            return
        self.draft_saved.emit()

    def _same_note(self) -> bool:
        current = self.window.notes.current
        return current is not None and current.note_id == self._request.get("note_id")

    def check_current(self) -> None:
        """Re-run the source check on the draft as edited now."""
        win = self.window
        draft = win.draft_pane.editor.toPlainText()
        if win.is_locked or win.drafting.is_running or not draft.strip():
            return
        self._run_checks(draft, source=win.source_pane.editor.toPlainText())

    def _run_checks(self, draft: str, *, source: str | None = None) -> None:
        writing = self.window.services.writing
        source = self._request["source"] if source is None else source

        def job(_cancel: Any) -> tuple[list[Any], list[Any]]:
            return (
                writing.check(source=source, draft=draft),
                writing.crisis(source=source, draft=draft),
            )

        self._check_worker = Worker(job, name="source-check")
        self._check_worker.finished.connect(lambda result: self._show_checks(draft, result))
        self._check_worker.errored.connect(lambda exc: show_error(self.window, exc))
        self._check_worker.start()

    def _show_checks(self, draft: str, result: tuple[list[Any], list[Any]]) -> None:
        win = self.window
        findings, flags = result
        if win.is_locked or win.draft_pane.editor.toPlainText() != draft:
            return
        win.draft_pane.show_findings(findings)
        win.draft_pane.crisis_banner.show_flags(flags)
        summary = (f"{len(findings)} statement(s) not supported by the notes are highlighted."
                   if findings else "No unsupported statements found.")
        win.draft_pane.phase.setText(f"{summary} {ADVISORY_NOTE}")
        self.checks_done.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._awaiting_model = False
        self._end(report_error(exc))
        show_error(self.window, exc)

    def _on_model_failed(self, exc: BaseException) -> None:
        if self._awaiting_model:
            self._awaiting_model = False
            self._end(report_error(exc))
        show_error(self.window, exc)

    def _on_model_loaded(self, info: LoadedModelInfo) -> None:
        self.window.status.show_model(
            name=info.name, plan_kind=info.plan_kind, plan_reason=info.plan_reason,
            backend=info.backend,
        )

    def _on_model_progress(self, fraction: float) -> None:
        self.window.status.showMessage(f"Loading model… {fraction:.0%}", 2000)

    def _end(self, summary: str) -> None:
        self.window.source_pane.set_generating(False)
        self.window.draft_pane.end_generation(summary=summary)
