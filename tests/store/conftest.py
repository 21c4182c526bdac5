"""Fixtures for the note store: real SQLCipher files under the test's ENCLAVE_HOME."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import NoteStore, Provenance

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def store_path(enclave_home: Path) -> Path:
    return NoteStore.default_path()


@pytest.fixture
def store(store_path: Path) -> Iterator[NoteStore]:
    opened = NoteStore.create(passphrase=PASSPHRASE, path=store_path)
    yield opened
    opened.lock()


def provenance() -> Provenance:
    return Provenance(
        model_file="gpt-oss-20b-mxfp4.gguf",
        model_sha256="ab" * 32,
        reasoning_effort="medium",
        template_id="soap",
        template_version=3,
        sampling={"temperature": 1.0, "top_p": 1.0, "seed": 7},
        prompt_tokens=812,
        completion_tokens=404,
        reasoning_tokens=120,
        timings={"prompt_s": 1.5, "generate_s": 9.25},
    )


def file_digests(store_path: Path) -> dict[str, str]:
    """SHA-256 of the store and every file beside it (WAL, SHM, sidecars)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(store_path.parent.iterdir())
        if path.is_file()
    }
