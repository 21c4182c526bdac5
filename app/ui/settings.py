"""UI settings: a small JSON file under the config directory.

Only preferences and the model file's location live here — never patient
text, note titles or search terms.  A JSON file rather than QSettings keeps
the file's location under `app.paths` on every platform (QSettings would use
the Windows registry) and lets tests read it directly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app import paths

log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "ui-settings.json"
EFFORTS = ("low", "medium", "high")
OFFLOAD_MODES = ("auto", "manual")


@dataclass(frozen=True)
class CrisisResource:
    label: str
    contact: str


DEFAULT_CRISIS_RESOURCES = (
    CrisisResource("Emergency services", "112 / 911 / 999"),
    CrisisResource("Suicide & crisis line (US)", "988"),
    CrisisResource("Samaritans (UK & IE)", "116 123"),
)


@dataclass(frozen=True)
class UiSettings:
    model_path: str = ""
    model_sha256: str = ""
    context_size: int = 16384
    offload_mode: str = "auto"
    manual_cpu_moe_layers: int = 0
    default_effort: str = "medium"
    idle_lock_minutes: float = 10.0
    crisis_resources: tuple[CrisisResource, ...] = field(
        default_factory=lambda: DEFAULT_CRISIS_RESOURCES
    )
    default_template_id: str = ""
    clinician_name: str = ""

    def with_changes(self, **changes: Any) -> UiSettings:
        values = asdict(self)
        values["crisis_resources"] = self.crisis_resources
        values.update(changes)
        return UiSettings(**values)


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE_NAME


def store_path() -> Path:
    """Where the encrypted note store lives."""
    return paths.data_dir() / "notes.enclave"


def load_settings() -> UiSettings:
    path = settings_path()
    if not path.exists():
        return UiSettings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("settings file unreadable; using defaults")
        return UiSettings()
    return _from_dict(raw)


def save_settings(settings: UiSettings) -> None:
    path = settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)


def _from_dict(raw: dict[str, Any]) -> UiSettings:
    known = {f.name for f in fields(UiSettings)}
    values = {k: v for k, v in raw.items() if k in known}
    resources = values.pop("crisis_resources", None)
    settings = UiSettings(**values)
    if isinstance(resources, list):
        parsed = tuple(
            CrisisResource(str(r.get("label", "")), str(r.get("contact", "")))
            for r in resources
            if isinstance(r, dict)
        )
        settings = settings.with_changes(crisis_resources=parsed)
    if settings.default_effort not in EFFORTS:
        settings = settings.with_changes(default_effort="medium")
    if settings.offload_mode not in OFFLOAD_MODES:
        settings = settings.with_changes(offload_mode="auto")
    return settings
