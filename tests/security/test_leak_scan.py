"""No plaintext patient text anywhere on disk after a whole session.

A unique marker goes into the source notes and the edited draft.  Afterwards
the data, config, log and cache dirs (ENCLAVE_HOME), the temp dir's new files
and the store files (main, -wal, -shm, backups) are scanned for it in UTF-8
and UTF-16: 0 occurrences.  Positive controls show the scanner finds the
marker where it legitimately is (the clinician's chosen export folder) and in
every encoding, so a 0 means absent, not unsearched.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from app import paths
from tests.security.leak_scan import ENCODINGS, TempSnapshot, scan, store_files
from tests.security.session import run_headless_session


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_scanner_finds_the_marker_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    marker = f"LEAK-{uuid.uuid4().hex}"
    (tmp_path / "control.bin").write_bytes(b"\x00junk" + marker.encode(encoding) + b"tail")
    _scanned, hits = scan([tmp_path], marker)
    assert [hit.encoding for hit in hits] == [encoding]


def test_headless_session_leaves_no_plaintext(steered_model_path: Path, tmp_path: Path) -> None:
    marker = f"LEAK-{uuid.uuid4().hex}"
    export_dir = tmp_path / "chosen-export-folder"
    snapshot = TempSnapshot()
    result = run_headless_session(
        model_path=steered_model_path, marker=marker, export_dir=export_dir
    )
    assert result.model_draft.strip(), "the model wrote its own final message"
    assert result.model_draft in result.draft_text
    store = store_files(result.store_path)
    targets = [*paths.all_dirs(), *store, *snapshot.changed_files()]
    scanned, hits = scan(targets, marker, exclude=[export_dir])
    print(f"\nleak scan (headless session): {scanned} files, {len(store)} store files, "
          f"marker occurrences = {len(hits)}")
    assert hits == [], hits
    assert len(store) >= 2, "the store and at least one backup must have been scanned"
    _exported, export_hits = scan([export_dir], marker)
    assert export_hits, "positive control: the marker must be in the exports the clinician chose"
