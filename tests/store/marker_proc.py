"""Writes a marker through every store path, then waits while the parent
looks for it on disk (store open), then locks and waits again (closed)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.store import NoteStore
from tests.store.conftest import PASSPHRASE, provenance


def write_marker_everywhere(store: NoteStore, marker: str) -> None:
    with store.bulk():
        for index in range(200):
            store.create_note(title=f"filler {index}", document_type="soap", source_text="x" * 500)
    note = store.create_note(
        title=f"title {marker}",
        document_type="soap",
        source_text=f"source {marker} " * 200,
        patient_label=marker,
    )
    draft = store.add_generated_draft(note.id, text=f"draft {marker}", provenance=provenance())
    store.save_edit(note.id, text=f"edited {marker} " * 300, parent_version=draft.version)
    store.save_autosave(note.id, text=f"autosave {marker}", base_version=2)
    store.save_template(template_id="t", name=marker, version=1, body=f'{{"m": "{marker}"}}')
    assert [hit.id for hit in store.search(marker)] == [note.id]
    store.list_notes(limit=10_000)
    store.backup()
    store.integrity_check()


def main(store_path: Path, marker: str) -> None:
    store = NoteStore.create(passphrase=PASSPHRASE, path=store_path)
    write_marker_everywhere(store, marker)
    print("OPEN", flush=True)
    sys.stdin.readline()
    store.lock()
    print("CLOSED", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
