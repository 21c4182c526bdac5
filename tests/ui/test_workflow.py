"""A clinician's day through the real main window: new note, draft with the
harmony-steered tiny model (it writes its own channel headers, so reasoning
and draft are told apart by the app's parser, not by the test), Stop by key
and by button (on the random model pre-opened on final, which streams until
stopped), edits autosaved as versions, source-check highlight, sign, export,
copy, and auto-lock hiding every piece of patient text.

The app puts today's date in the prompt, so a seed does not pin what the
model writes here; the tests rely only on what every steered answer has (a
final message) or draft until the model has shown its reasoning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.main_window import MainWindow
from engine.runtime.sampling import SamplingOptions
from tests.ui.window_harness import unlocked_window

NOTES = "Pt seen for follow-up. Sleeping better on sertraline 50 mg daily. Mood 6/10."
LONG_SEED = 2
ENOUGH_TOKENS = 2000  # steered answers end with <|return|> long before this
THINKING_ATTEMPTS = 12  # the steered model thinks first 3 times in 4


def start_note(qtbot, window: MainWindow, notes: str = NOTES) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.notes_pane.new_button, Qt.MouseButton.LeftButton)
    assert window.notes.current is not None
    window.source_pane.editor.setPlainText(notes)


def draft(qtbot, window: MainWindow, *, max_tokens: int, seed: int = LONG_SEED) -> None:  # type: ignore[no-untyped-def]
    window.services.engine.sampling = SamplingOptions(seed=seed, max_tokens=max_tokens)
    with qtbot.waitSignal(window.drafting.finished, timeout=120_000):
        qtbot.keyClick(
            window.source_pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )


def test_draft_edit_check_sign_export(qtbot, steered_model_path: Path, tmp_path: Path) -> None:
    window = unlocked_window(qtbot, steered_model_path)
    start_note(qtbot, window)
    streamed: list[str] = []
    window.drafting.draft_text.connect(streamed.append)
    with qtbot.waitSignal(window.flow.draft_saved, timeout=120_000):
        draft(qtbot, window, max_tokens=ENOUGH_TOKENS)
    draft_text = "".join(streamed)
    assert draft_text.strip() and window.draft_pane.editor.toPlainText() == draft_text
    reasoning = window.draft_pane.reasoning.toPlainText()
    assert not reasoning or reasoning not in draft_text
    assert "tokens/s" in window.status.speed.text()
    repo, note_id = window.notes.repo, window.notes.current.note_id
    versions = repo.versions(note_id)
    assert [v.origin for v in versions] == ["v1 generated"] and versions[0].text == draft_text
    provenance = repo.store.get_draft(note_id).provenance
    assert provenance.reasoning_effort == window.settings.default_effort
    assert provenance.model_file == steered_model_path.name

    # The clinician adds a line; it is saved as a new version within 2 s.
    edited = window.draft_pane.editor.toPlainText() + "\nStarted fluoxetine 40 mg."
    window.draft_pane.editor.setPlainText(edited)
    qtbot.waitUntil(lambda: len(repo.versions(note_id)) == 2, timeout=2_500)
    assert repo.versions(note_id)[0].text == edited

    # The source check highlights what the notes do not support, with a reason.
    with qtbot.waitSignal(window.flow.checks_done, timeout=60_000):
        qtbot.mouseClick(window.draft_pane.check_button, Qt.MouseButton.LeftButton)
    ranges = window.draft_pane.editor.highlighted_ranges()
    flagged = [edited[start:end] for start, end in ranges]
    assert any("fluoxetine" in text for text in flagged) and any("40" in t for t in flagged)
    assert all(f.reason for f in window.draft_pane.editor.findings)
    assert window.draft_pane.findings_list.count() == len(window.draft_pane.editor.findings)
    # The result always says the check is advisory, with its measured recall.
    assert "not a proof" in window.draft_pane.phase.text()

    window.actions_.copy_draft()
    assert QGuiApplication.clipboard().text() == edited

    # Sign, then export as PDF and DOCX.
    assert window.actions_.sign_current(clinician="Dr Test")
    assert window.draft_pane.editor.isReadOnly()
    assert "Signed by Dr Test" in window.draft_pane.signed_label.text()
    assert repo.store.sign_offs(note_id)[0].draft_version == 2
    pdf, docx = tmp_path / "note.pdf", tmp_path / "note.docx"
    assert window.actions_.export_to(pdf, fmt="pdf")
    assert window.actions_.export_to(docx, fmt="docx")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    import docx as python_docx

    body = "\n".join(p.text for p in python_docx.Document(str(docx)).paragraphs)
    assert "fluoxetine 40 mg" in body
    exported = [e.detail for e in repo.store.audit_log(note_id=note_id) if e.event == "exported"]
    assert sorted(exported) == ["docx", "pdf"]


def test_reasoning_goes_to_its_pane_not_the_draft(qtbot, steered_model_path: Path) -> None:
    window = unlocked_window(qtbot, steered_model_path)
    window.draft_pane.reasoning_toggle.click()
    reasoning: list[str] = []
    window.drafting.reasoning_text.connect(reasoning.append)
    for seed in range(THINKING_ATTEMPTS):
        reasoning.clear()
        start_note(qtbot, window)
        draft(qtbot, window, max_tokens=ENOUGH_TOKENS, seed=seed)
        if reasoning:
            break
    thought = "".join(reasoning)
    assert thought.strip(), "the model showed its reasoning"
    assert window.draft_pane.reasoning.toPlainText().strip()
    draft_text = window.draft_pane.editor.toPlainText()
    assert draft_text.strip() and thought not in draft_text
    versions = window.notes.repo.versions(window.notes.current.note_id)
    assert [v.text for v in versions] == [draft_text]
    assert thought not in versions[0].text


def test_stop_with_escape_mid_prompt_and_button_mid_generation(
    qtbot, tiny_model_path: Path
) -> None:
    window = unlocked_window(qtbot, tiny_model_path, pre_open="final")
    long_notes = "Patient reports improved sleep, mood 6/10, sertraline 50 mg daily. " * 100
    start_note(qtbot, window, long_notes)
    progress: list[tuple[int, int]] = []

    def stop_by_escape(done: int, total: int) -> None:
        progress.append((done, total))
        if len(progress) == 1:
            qtbot.keyClick(window.source_pane.editor, Qt.Key.Key_Escape)

    window.drafting.prompt_progress.connect(stop_by_escape)
    draft(qtbot, window, max_tokens=100)
    window.drafting.prompt_progress.disconnect(stop_by_escape)
    assert progress[-1][0] < progress[-1][1]
    assert window.draft_pane.editor.toPlainText() == ""
    assert window.draft_pane.phase.text().startswith("Stopped")
    assert window.source_pane.draft_button.isEnabled()

    window.source_pane.editor.setPlainText(NOTES)
    stop_button = window.source_pane.stop_button
    window.drafting.draft_text.connect(
        lambda _t: (
            stop_button.isEnabled() and qtbot.mouseClick(stop_button, Qt.MouseButton.LeftButton)
        )
    )
    draft(qtbot, window, max_tokens=3000)
    assert window.draft_pane.editor.toPlainText() != ""
    assert window.draft_pane.phase.text().startswith("Stopped")
    assert window.notes.repo.versions(window.notes.current.note_id) == []


def test_idle_auto_lock_hides_patient_text(qtbot, tiny_model_path: Path) -> None:
    window = unlocked_window(qtbot, tiny_model_path)
    start_note(qtbot, window)
    window.source_pane.title.setText("Follow-up visit")
    window.draft_pane.editor.setPlainText("Draft mentioning sertraline.")
    store = window.notes.repo.store
    window.idle.set_limit(limit_s=0.5)
    with qtbot.waitSignal(window.locked, timeout=10_000):
        pass
    assert window.stack.currentWidget() is window.lock_screen
    assert store.is_locked
    pane = window.draft_pane
    for widget in (window.source_pane.editor, pane.editor, pane.reasoning):
        assert widget.toPlainText() == ""
    assert window.source_pane.title.text() == ""
    assert window.notes_pane.list.count() == 0
    # What was typed before the lock was saved, not lost.
    window.unlock_with(window.services.gate.unlock("correct horse battery"))
    window.notes.refresh()
    note_id = window.notes_pane.note_ids()[0]
    window.notes.open(note_id)
    assert window.source_pane.editor.toPlainText() == NOTES
    assert window.draft_pane.editor.toPlainText() == "Draft mentioning sertraline."
