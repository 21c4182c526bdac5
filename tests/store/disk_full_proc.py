"""Fills a small filesystem through the store; prints what happened as JSON.

Run by `test_errors.py` inside a private mount namespace with a tmpfs of a
few MiB mounted at the store's folder, so the disk really fills (ENOSPC)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.store import DiskFullError, NoteStore
from tests.store.conftest import PASSPHRASE

BIG = "clinical narrative " * 10_000


def main(store_path: Path) -> None:
    store = NoteStore.create(passphrase=PASSPHRASE, path=store_path)
    store.create_note(title="kept before", document_type="soap", source_text="kept text")
    saved = 0
    message = ""
    for attempt in range(500):
        try:
            store.create_note(title=f"big {attempt}", document_type="soap", source_text=BIG)
        except DiskFullError as error:
            message = error.user_message
            break
        saved += 1
    titles = [summary.title for summary in store.list_notes(limit=10_000)]
    store.integrity_check()
    store.lock()
    reopened = NoteStore.unlock(passphrase=PASSPHRASE, path=store_path)
    reopened_titles = [summary.title for summary in reopened.list_notes(limit=10_000)]
    reopened.integrity_check()
    reopened.lock()
    print(
        json.dumps(
            {
                "saved": saved,
                "message": message,
                "titles": titles,
                "reopened_titles": reopened_titles,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
