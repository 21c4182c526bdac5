"""Settings, template manager and version history on a real unlocked window."""

from __future__ import annotations

import json
from pathlib import Path

from app.ui.dialogs.history import VersionHistoryDialog
from app.ui.dialogs.settings_dialog import SettingsDialog, parse_resources
from app.ui.dialogs.templates_dialog import TemplatesDialog
from app.ui.settings import CrisisResource, load_settings
from tests.ui.window_harness import unlocked_window


def test_settings_dialog_applies_and_saves(qtbot, tiny_model_path: Path) -> None:
    window = unlocked_window(qtbot, tiny_model_path)
    dialog = SettingsDialog(settings=window.settings, templates=window.actions_.templates)
    qtbot.addWidget(dialog)
    dialog.accepted_settings.connect(window.apply_settings)
    assert not dialog.cpu_moe_layers.isEnabled()
    dialog.offload_mode.setCurrentIndex(1)
    assert dialog.cpu_moe_layers.isEnabled()
    dialog.offload_mode.setCurrentIndex(0)
    dialog.idle_minutes.setValue(2.5)
    dialog.default_effort.setCurrentIndex(dialog.default_effort.findData("high"))
    dialog.crisis_resources.setPlainText("Clinic on-call: 555-0100\nnot a resource line")
    dialog.accept()
    saved = load_settings()
    assert saved.idle_lock_minutes == 2.5 and saved.default_effort == "high"
    assert saved.crisis_resources == (CrisisResource("Clinic on-call", "555-0100"),)
    assert window.idle._limit_s == 150
    assert window.draft_pane.crisis_banner.resources == saved.crisis_resources
    assert parse_resources("a: b\n: x\ny:") == (CrisisResource("a", "b"),)


def test_template_manager_duplicates_and_validates_edits(qtbot, tiny_model_path: Path) -> None:
    window = unlocked_window(qtbot, tiny_model_path)
    dialog = TemplatesDialog(window=window)
    qtbot.addWidget(dialog)
    assert dialog.editor.isReadOnly() and not dialog.save_button.isEnabled()
    new_id = dialog.duplicate(new_name="My SOAP")
    assert new_id.startswith("custom-my-soap")
    assert window.source_pane.template_box.findData(new_id) >= 0
    assert not dialog.editor.isReadOnly()
    dialog.editor.setPlainText("{ not json")
    assert not dialog.save_current()
    assert dialog.message.text()
    body = json.loads(window.notes.repo.store.get_template(new_id).body)
    body["instructions"].append("Use the clinic's abbreviations list.")
    dialog.editor.setPlainText(json.dumps(body))
    assert dialog.save_current()
    stored = window.notes.repo.store.get_template(new_id)
    assert stored.version == 2 and "abbreviations" in stored.body


def test_version_history_restores_as_a_new_version(qtbot, tiny_model_path: Path) -> None:
    window = unlocked_window(qtbot, tiny_model_path)
    window.new_note()
    repo, note_id = window.notes.repo, window.notes.current.note_id
    repo.add_draft(note_id, "first text", provenance=None)
    repo.add_draft(note_id, "second text", provenance=None)
    window.notes.current = repo.load_note(note_id)
    window.draft_pane.editor.setPlainText("second text")
    dialog = VersionHistoryDialog(versions=repo.versions(note_id))
    qtbot.addWidget(dialog)
    dialog.restore_requested.connect(window.actions_._restore_version)
    assert dialog.preview.toPlainText() == "second text"
    dialog.list.setCurrentRow(1)
    assert dialog.preview.toPlainText() == "first text"
    dialog.restore_button.click()
    assert window.draft_pane.editor.toPlainText() == "first text"
    qtbot.waitUntil(lambda: len(repo.versions(note_id)) == 3, timeout=2_500)
    assert repo.versions(note_id)[0].text == "first text"
