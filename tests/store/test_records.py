"""Notes, versions, autosave, sign-off, templates and the audit log."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.store import (
    AuditEventKind,
    DraftKind,
    InvalidTemplateError,
    NoteStore,
    RecordNotFoundError,
)
from tests.store.conftest import PASSPHRASE, provenance


def test_drafts_are_versions_never_overwritten(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap", source_text="src")
    generated = store.add_generated_draft(
        note.id, text="generated text", provenance=provenance(), source_version=1
    )
    edited = store.save_edit(note.id, text="edited text", parent_version=generated.version)
    assert (generated.version, edited.version) == (1, 2)
    drafts = store.list_drafts(note.id)
    assert [(d.kind, d.text) for d in drafts] == [
        (DraftKind.GENERATED, "generated text"),
        (DraftKind.EDITED, "edited text"),
    ]
    assert drafts[0].provenance == provenance()
    assert drafts[1].provenance is None
    assert drafts[1].parent_version == 1 and drafts[1].source_version == 1
    assert store.get_draft(note.id).text == "edited text"


def test_source_is_versioned_and_unchanged_text_adds_nothing(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap", source_text="first")
    assert store.save_source(note.id, text="first").version == 1
    assert store.save_source(note.id, text="second").version == 2
    assert store.get_source(note.id, version=1).text == "first"
    assert store.get_source(note.id).text == "second"


def test_history_tables_refuse_update_and_delete(store: NoteStore, store_path: Path) -> None:
    note = store.create_note(title="t", document_type="soap", source_text="s")
    draft = store.add_generated_draft(note.id, text="d", provenance=provenance())
    store.sign(note.id, version=draft.version, signed_by="Dr A")
    raw = sqlcipher.connect(str(store_path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    statements = [
        "UPDATE audit_log SET detail = 'forged'",
        "DELETE FROM audit_log",
        "UPDATE draft_versions SET text = 'rewritten'",
        "DELETE FROM draft_versions",
        "UPDATE source_versions SET text = 'rewritten'",
        "DELETE FROM sign_offs",
    ]
    for statement in statements:
        with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
            raw.execute(statement)
    raw.close()
    assert store.get_draft(note.id).text == "d"
    assert len(store.audit_log()) == 3


def test_autosave_is_kept_apart_and_cleared_by_commit(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap")
    draft = store.add_generated_draft(note.id, text="v1", provenance=provenance())
    store.save_autosave(note.id, text="v1 and typ", base_version=draft.version)
    store.save_autosave(note.id, text="v1 and typing", base_version=draft.version)
    autosave = store.get_autosave(note.id)
    assert autosave is not None and autosave.text == "v1 and typing"
    assert len(store.list_drafts(note.id)) == 1
    store.save_edit(note.id, text=autosave.text, parent_version=draft.version)
    assert store.get_autosave(note.id) is None
    assert store.get_draft(note.id).text == "v1 and typing"


def test_sign_off_pins_the_hash_of_the_signed_version(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap")
    signed = store.add_generated_draft(note.id, text="final words", provenance=provenance())
    sign_off = store.sign(note.id, version=signed.version, signed_by="Dr B")
    store.save_edit(note.id, text="amended words", parent_version=signed.version)
    assert sign_off.text_sha256 == hashlib.sha256(b"final words").hexdigest()
    assert store.sign_offs(note.id) == [sign_off]
    assert store.list_notes()[0].signed
    with pytest.raises(RecordNotFoundError):
        store.sign(note.id, version=99, signed_by="Dr B")


def test_audit_log_follows_the_work(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap")
    draft = store.add_generated_draft(note.id, text="d", provenance=provenance())
    store.save_edit(note.id, text="e", parent_version=draft.version)
    store.sign(note.id, version=2, signed_by="Dr C")
    store.record_export(note.id, export_format="docx")
    events = [(e.event, e.detail) for e in reversed(store.audit_log(note_id=note.id))]
    assert events == [
        (AuditEventKind.CREATED, ""),
        (AuditEventKind.GENERATED, "v1"),
        (AuditEventKind.EDITED, "v2"),
        (AuditEventKind.SIGNED, "v2"),
        (AuditEventKind.EXPORTED, "docx"),
    ]


def test_templates_keep_every_version(store: NoteStore) -> None:
    store.save_template(template_id="dap", name="DAP note", version=1, body='{"sections": [1]}')
    store.save_template(template_id="dap", name="DAP note", version=2, body='{"sections": [2]}')
    store.save_template(template_id="brief", name="Brief", version=1, body="{}")
    assert [(t.template_id, t.version) for t in store.list_templates()] == [
        ("brief", 1),
        ("dap", 2),
    ]
    assert store.get_template("dap", version=1).body == '{"sections": [1]}'
    with pytest.raises(InvalidTemplateError):
        store.save_template(template_id="bad", name="Bad", version=1, body="{not json")
    assert store.delete_template("dap")
    with pytest.raises(RecordNotFoundError):
        store.get_template("dap")
    assert not store.delete_template("dap")


def test_missing_records_raise_not_found(store: NoteStore) -> None:
    with pytest.raises(RecordNotFoundError):
        store.get_note(404)
    with pytest.raises(RecordNotFoundError):
        store.save_autosave(404, text="x", base_version=None)
    with pytest.raises(RecordNotFoundError):
        store.add_generated_draft(404, text="x", provenance=provenance())


def test_bulk_is_all_or_nothing(store: NoteStore) -> None:
    with pytest.raises(RuntimeError), store.bulk():
        store.create_note(title="one", document_type="soap")
        store.create_note(title="two", document_type="soap")
        raise RuntimeError("abandon the import")
    assert store.list_notes() == []
    with store.bulk():
        for index in range(5):
            store.create_note(title=f"n{index}", document_type="soap")
    assert len(store.list_notes()) == 5


def test_concurrent_threads_share_the_store(store: NoteStore) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for index in range(25):
                note = store.create_note(title=f"w{worker}-{index}", document_type="soap")
                store.save_autosave(note.id, text=f"text {index}", base_version=None)
                store.search(f"w{worker}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.list_notes(limit=1000)) == 100
    store.integrity_check()


def test_nul_characters_are_never_stored(store: NoteStore) -> None:
    note = store.create_note(title="t\x00", document_type="soap", source_text="a\x00b")
    assert store.get_note(note.id).title == "t"
    assert store.get_source(note.id).text == "ab"
