"""FTS5 search over titles, latest sources and latest drafts, safe for any input."""

from __future__ import annotations

import pytest

from app.store import NoteStore
from app.store.search import fts_query
from tests.store.conftest import provenance


def test_finds_titles_sources_and_drafts(store: NoteStore) -> None:
    by_title = store.create_note(title="Insomnia follow-up", document_type="soap")
    by_source = store.create_note(title="a", document_type="soap", source_text="reports tinnitus")
    by_draft = store.create_note(title="b", document_type="soap")
    store.add_generated_draft(by_draft.id, text="Plan: start sertraline", provenance=provenance())
    assert [hit.id for hit in store.search("insomnia")] == [by_title.id]
    assert [hit.id for hit in store.search("tinnitus")] == [by_source.id]
    assert [hit.id for hit in store.search("sertraline")] == [by_draft.id]


def test_prefixes_and_accents_match(store: NoteStore) -> None:
    note = store.create_note(title="Café visit", document_type="soap", source_text="hypertension")
    assert [hit.id for hit in store.search("hyperten")] == [note.id]
    assert [hit.id for hit in store.search("cafe")] == [note.id]


def test_all_words_must_match(store: NoteStore) -> None:
    both = store.create_note(title="x", document_type="soap", source_text="anxiety and insomnia")
    store.create_note(title="y", document_type="soap", source_text="anxiety only")
    assert [hit.id for hit in store.search("insomnia anxiety")] == [both.id]


def test_only_the_latest_versions_are_searched(store: NoteStore) -> None:
    note = store.create_note(title="t", document_type="soap", source_text="old source words")
    store.save_source(note.id, text="new source words")
    draft = store.add_generated_draft(note.id, text="obsolete phrasing", provenance=provenance())
    store.save_edit(note.id, text="current phrasing", parent_version=draft.version)
    assert store.search("old") == []
    assert store.search("obsolete") == []
    assert [hit.id for hit in store.search("current new")] == [note.id]


def test_renamed_title_is_reindexed(store: NoteStore) -> None:
    note = store.create_note(title="Draft letter", document_type="referral")
    store.update_note(
        note.id, title="Cardiology referral", document_type="referral", patient_label=None
    )
    assert store.search("draft") == []
    assert [hit.id for hit in store.search("cardiology")] == [note.id]


def test_title_hits_rank_above_body_hits(store: NoteStore) -> None:
    body = store.create_note(title="misc", document_type="soap", source_text="migraine noted")
    title = store.create_note(title="Migraine review", document_type="soap")
    assert [hit.id for hit in store.search("migraine")] == [title.id, body.id]


@pytest.mark.parametrize(
    "hostile",
    ['"', "NOT", "a OR", "(", "title:x", "^x", "x*", "NEAR(a b", "'; DROP TABLE notes; --", "*"],
)
def test_query_syntax_from_users_is_harmless(store: NoteStore, hostile: str) -> None:
    store.create_note(title="not tonight", document_type="soap", source_text="a x b")
    store.search(hostile)
    assert len(store.list_notes()) == 1


def test_operators_are_searched_as_words(store: NoteStore) -> None:
    note = store.create_note(title="Did NOT attend", document_type="soap")
    store.create_note(title="Attended", document_type="soap")
    assert [hit.id for hit in store.search("not attend")] == [note.id]


def test_query_builder_quotes_every_word() -> None:
    assert fts_query('pt\'s "BP" OR') == '"pt"* "s"* "BP"* "OR"*'
    assert fts_query(" -- ") is None
