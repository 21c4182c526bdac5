"""What the UI shows about a model file once it is checked: plain data.

Produced by `app.ui.backend.check_model_file` (validation, SHA-256, offload
plan); consumed by the first-run wizard, the settings dialog and the status
bar.  No Qt here so the checking job can run on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelReport:
    path: str
    summary: str  # e.g. "gpt-oss, 24 layers, 32 experts, context 131072"
    sha256: str
    plan_kind: str  # "GPU", "experts on CPU" or "CPU"
    plan_reason: str  # one line a clinician can read
    context_length: int


@dataclass(frozen=True)
class HashProgress:
    """A step of the check: `fraction` in [0, 1] of the file hashed."""

    fraction: float
