"""The advisory sentence shown with every source-check result.

Kept apart from `check` because the UI shows it at import time of its draft
flow: importing `check` loads the offline drug lexicon (over a second of pure
Python), which must never happen on the GUI thread.  This module imports
nothing, so `app.ui.draft_flow` can use the sentence without that cost."""

from __future__ import annotations

# Shown with every result, so that no highlight-free draft reads as verified.
# The figure is the check's recall on evaluation pairs written blind to it
# (tests/writing/heldout*/README.md, benchmarks/bench_source_check.py).
ADVISORY_NOTE = (
    "The check is a prompt to look again, not a proof: on notes it had not seen it "
    "found about 9 in 10 unsupported facts. Read the whole draft against the notes."
)
