"""Append-only migrations: old stores open under new code, the schema is exact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.store import NoteStore, StoreTooNewError
from app.store.schema import MIGRATIONS
from tests.store.conftest import PASSPHRASE
from tests.store.v1_fixture import build_v1_store

EXPECTED_SCHEMA = Path(__file__).with_name("expected_schema.sql")


def _schema_dump(path: Path) -> str:
    raw = sqlcipher.connect(str(path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    rows = raw.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"
    ).fetchall()
    raw.close()
    return "".join(f"-- {kind} {name} on {table}\n{sql};\n\n" for kind, name, table, sql in rows)


def test_schema_is_exactly_the_expected_one(store: NoteStore, store_path: Path) -> None:
    store.lock()
    dump = _schema_dump(store_path)
    if os.environ.get("UPDATE_SCHEMA_SNAPSHOT") == "1":
        EXPECTED_SCHEMA.write_text(dump, encoding="utf-8")
    assert dump == EXPECTED_SCHEMA.read_text(encoding="utf-8")


def test_v1_store_opens_under_latest_code_with_data_intact(store_path: Path) -> None:
    build_v1_store(store_path, passphrase=PASSPHRASE)
    with NoteStore.unlock(passphrase=PASSPHRASE, path=store_path) as upgraded:
        note = upgraded.get_note(1)
        assert (note.title, note.patient_label) == ("Legacy intake", "MRN-1")
        assert upgraded.get_source(1).text == "patient describes vertigo"
        draft = upgraded.get_draft(1)
        assert draft.provenance is not None and draft.provenance.sampling == {"temperature": 1.0}
        assert [hit.id for hit in upgraded.search("vertigo")] == [1]
        upgraded.save_autosave(1, text="new feature on old data", base_version=1)
        upgraded.save_template(template_id="x", name="X", version=1, body="{}")
    upgraded_dump = _schema_dump(store_path)
    fresh = store_path.with_name("fresh.db")
    NoteStore.create(passphrase=PASSPHRASE, path=fresh).lock()
    assert upgraded_dump == _schema_dump(fresh)


def test_migrations_are_recorded_by_name(store: NoteStore, store_path: Path) -> None:
    store.lock()
    raw = sqlcipher.connect(str(store_path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    names = [row[0] for row in raw.execute("SELECT name FROM schema_migrations ORDER BY rowid")]
    raw.close()
    assert names == [name for name, _ in MIGRATIONS]


def test_store_from_a_newer_release_is_refused(store: NoteStore, store_path: Path) -> None:
    store.lock()
    raw = sqlcipher.connect(str(store_path), isolation_level=None)
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', '2030-01-01')")
    raw.close()
    with pytest.raises(StoreTooNewError):
        NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
