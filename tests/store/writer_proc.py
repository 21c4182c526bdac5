"""A writer process for the crash test: saves numbered notes until killed.

Prints each number only after its note and autosave have committed, so the
parent knows exactly which saves the store promised to keep.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.store import NoteStore


def main(store_path: Path, passphrase: str, first: int) -> None:
    store = NoteStore.unlock(passphrase=passphrase, path=store_path)
    number = first
    while True:
        note = store.create_note(title=f"save {number}", document_type="soap", source_text="s")
        store.save_autosave(note.id, text=f"autosave {number}", base_version=None)
        print(number, flush=True)
        number += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
