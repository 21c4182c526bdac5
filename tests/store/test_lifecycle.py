"""Create, unlock, lock, rekey, backup and restore on real SQLCipher files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.store import (
    AuditEventKind,
    InvalidPassphraseError,
    NoteStore,
    StoreExistsError,
    StoreLockedError,
    StoreNotFoundError,
    WrongPassphraseError,
)
from tests.store.conftest import PASSPHRASE, file_digests


def test_defaults_are_sqlcipher4(store: NoteStore) -> None:
    settings = store.cipher_settings()
    assert settings["kdf_iter"] == "256000"
    assert settings["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
    assert settings["cipher_hmac_algorithm"] == "HMAC_SHA512"
    assert settings["cipher_use_hmac"] == "1"
    assert settings["cipher_page_size"] == "4096"
    assert settings["cipher_plaintext_header_size"] == "0"
    assert settings["cipher_version"].startswith("4.")


def test_file_is_encrypted_from_byte_zero(store: NoteStore, store_path: Path) -> None:
    store.create_note(title="t", document_type="soap", source_text="x")
    assert not store_path.read_bytes().startswith(b"SQLite format 3")


def test_files_are_owner_only(store: NoteStore, store_path: Path) -> None:
    store.create_note(title="t", document_type="soap", source_text="x")
    wal, shm = store_path.with_name("notes.db-wal"), store_path.with_name("notes.db-shm")
    for path in (store_path, wal, shm):
        assert path.exists(), path.name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    backup = store.backup()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


def test_unlock_after_lock_reads_everything_back(store: NoteStore, store_path: Path) -> None:
    note = store.create_note(title="Review", document_type="soap", source_text="sleeping poorly")
    store.lock()
    with NoteStore.unlock(passphrase=PASSPHRASE, path=store_path) as reopened:
        assert reopened.get_note(note.id) == note
        assert reopened.get_source(note.id).text == "sleeping poorly"


def test_locked_store_refuses_calls(store: NoteStore) -> None:
    store.lock()
    assert store.is_locked
    with pytest.raises(StoreLockedError):
        store.list_notes()
    with pytest.raises(StoreLockedError):
        store.create_note(title="t", document_type="soap")


def test_wrong_passphrase_is_clear_and_leaves_bytes_unchanged(
    store: NoteStore, store_path: Path
) -> None:
    store.create_note(title="t", document_type="soap", source_text="x")
    store.lock()
    before = file_digests(store_path)
    with pytest.raises(WrongPassphraseError) as raised:
        NoteStore.unlock(passphrase="not the passphrase", path=store_path)
    assert "passphrase is not correct" in raised.value.user_message
    after = file_digests(store_path)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {"notes.db.unlock-failures"}


def test_failed_unlocks_reach_the_audit_log_at_next_unlock(
    store: NoteStore, store_path: Path
) -> None:
    store.lock()
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            NoteStore.unlock(passphrase="guess", path=store_path)
    with NoteStore.unlock(passphrase=PASSPHRASE, path=store_path) as reopened:
        kinds = [event.event for event in reopened.audit_log()]
    assert kinds[:3] == [
        AuditEventKind.UNLOCKED,
        AuditEventKind.UNLOCK_FAILED,
        AuditEventKind.UNLOCK_FAILED,
    ]
    assert not store_path.with_name("notes.db.unlock-failures").exists()


def test_create_refuses_existing_file_and_empty_passphrase(store_path: Path) -> None:
    with pytest.raises(InvalidPassphraseError):
        NoteStore.create(passphrase="", path=store_path)
    assert not store_path.exists()
    NoteStore.create(passphrase=PASSPHRASE, path=store_path).lock()
    with pytest.raises(StoreExistsError):
        NoteStore.create(passphrase=PASSPHRASE, path=store_path)


def test_unlock_of_missing_store_never_creates_one(store_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    assert not store_path.exists()


def test_change_passphrase_rekeys_every_page(store: NoteStore, store_path: Path) -> None:
    note = store.create_note(title="t", document_type="soap", source_text="kept across rekey")
    with pytest.raises(WrongPassphraseError):
        store.change_passphrase(current="wrong", new="new passphrase")
    store.change_passphrase(current=PASSPHRASE, new="new passphrase")
    store.lock()
    with pytest.raises(WrongPassphraseError):
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    raw = sqlcipher.connect(str(store_path))
    raw.execute("PRAGMA key = 'new passphrase'")
    assert raw.execute("PRAGMA cipher_integrity_check").fetchall() == []
    raw.close()
    with NoteStore.unlock(passphrase="new passphrase", path=store_path) as reopened:
        assert reopened.get_source(note.id).text == "kept across rekey"
        assert AuditEventKind.REKEYED in [event.event for event in reopened.audit_log()]


def test_backup_and_restore_round_trip(store: NoteStore, store_path: Path) -> None:
    kept = store.create_note(title="before backup", document_type="soap", source_text="alpha")
    backup = store.backup()
    assert backup.parent == store_path.parent / "backups"
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    store.create_note(title="after backup", document_type="soap", source_text="beta")
    store.lock()

    restored = NoteStore.restore(backup_file=backup, passphrase=PASSPHRASE, path=store_path)
    try:
        assert [summary.title for summary in restored.list_notes()] == ["before backup"]
        assert restored.get_source(kept.id).text == "alpha"
        assert [hit.id for hit in restored.search("alpha")] == [kept.id]
        assert restored.audit_log()[0].event is AuditEventKind.RESTORED
        restored.integrity_check()
    finally:
        restored.lock()
    set_aside = list(store_path.parent.glob("notes.db.before-restore-*"))
    assert len(set_aside) == 1
    with NoteStore.unlock(passphrase=PASSPHRASE, path=set_aside[0]) as old:
        assert {summary.title for summary in old.list_notes()} == {"before backup", "after backup"}


def test_restore_with_wrong_passphrase_changes_nothing(store: NoteStore, store_path: Path) -> None:
    backup = store.backup()
    store.lock()
    before = file_digests(store_path)
    with pytest.raises(WrongPassphraseError):
        NoteStore.restore(backup_file=backup, passphrase="wrong", path=store_path)
    assert file_digests(store_path) == before


def test_backups_are_listed_oldest_first(store: NoteStore, store_path: Path) -> None:
    first = store.backup()
    second = store.backup()
    assert NoteStore.list_backups(path=store_path) == [first, second]
