"""A damaged or foreign file is reported, never read silently."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store import NoteStore, StoreCorruptError, StoreError, WrongPassphraseError
from tests.store.conftest import PASSPHRASE, provenance

PAGE = 4096


def _fill(store: NoteStore) -> dict[int, tuple[str, str]]:
    expected: dict[int, tuple[str, str]] = {}
    for index in range(6):
        source = f"source {index} " + "lorem ipsum dolor " * 400
        note = store.create_note(title=f"note {index}", document_type="soap", source_text=source)
        draft = f"draft {index} " + "sit amet " * 300
        store.add_generated_draft(note.id, text=draft, provenance=provenance())
        expected[note.id] = (source, draft)
    return expected


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def _read_everything(store: NoteStore, expected: dict[int, tuple[str, str]]) -> None:
    """Every value read must be the true one; anything else must raise."""
    for note_id, (source, draft) in expected.items():
        assert store.get_source(note_id).text == source
        assert store.get_draft(note_id).text == draft
    store.list_notes()
    store.search("lorem")
    store.integrity_check()


def test_one_flipped_byte_in_any_data_page_is_detected(store: NoteStore, store_path: Path) -> None:
    expected = _fill(store)
    backup = store.backup()
    store.lock()
    pristine = store_path.with_name("pristine.db")
    shutil.copyfile(store_path, pristine)
    pages = store_path.stat().st_size // PAGE
    assert pages > 20
    for page in range(1, pages):
        shutil.copyfile(pristine, store_path)
        _flip(store_path, page * PAGE + 1000)
        with pytest.raises(StoreCorruptError) as raised:
            opened = NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
            try:
                _read_everything(opened, expected)
            finally:
                opened.lock()
        assert raised.value.backup == backup, f"page {page + 1}"
        assert backup.name in raised.value.user_message


def test_damaged_first_page_names_the_backup(store: NoteStore, store_path: Path) -> None:
    _fill(store)
    backup = store.backup()
    store.lock()
    _flip(store_path, 2000)
    with pytest.raises(StoreCorruptError) as raised:
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    assert raised.value.backup == backup


def test_damaged_first_page_without_backup_cannot_be_told_from_a_wrong_key(
    store: NoteStore, store_path: Path
) -> None:
    store.lock()
    _flip(store_path, 2000)
    with pytest.raises(WrongPassphraseError) as raised:
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    assert "damaged" in raised.value.user_message


def test_plain_sqlite_file_is_not_a_store(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True, exist_ok=True)
    plain = sqlite3.connect(store_path)
    plain.execute("CREATE TABLE notes (text TEXT)")
    plain.commit()
    plain.close()
    with pytest.raises(StoreCorruptError, match="unencrypted"):
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)


@pytest.mark.parametrize("content", [b"", b"\x00" * 1000, b"not a database at all"])
def test_empty_or_truncated_file_is_not_a_store(store_path: Path, content: bytes) -> None:
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.write_bytes(content)
    with pytest.raises(StoreCorruptError):
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    assert store_path.read_bytes() == content


def test_truncated_store_is_reported(store: NoteStore, store_path: Path) -> None:
    _fill(store)
    store.lock()
    data = store_path.read_bytes()
    store_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError):
        opened = NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
        try:
            opened.integrity_check()
        finally:
            opened.lock()
