"""The model path an IT department configured for every user of a machine.

Hospital IT installs the app silently and copies the 12 GB model file to a
shared location once; clinicians should not have to find it.  The first-run
flow asks `preconfigured_model_path()` before showing a file picker.  The
places, most specific first:

1. `ENCLAVE_MODEL_PATH` in the environment (any platform; also for tests);
2. Windows: `HKLM\\SOFTWARE\\Enclave Scribe`, value `ModelPath` — written by
   the MSI from its `MODELPATH` property, or by Group Policy Preferences;
3. every platform: the machine-wide `deployment.json`
   (`{"model_path": "…"}`), in `%ProgramData%\\Enclave Scribe\\` on
   Windows, `/Library/Application Support/Enclave Scribe/` on macOS and
   `/etc/enclave-scribe/` on Linux.

A configured path is returned even if the file is not there (yet): the
caller reports a missing file with the path IT configured, which is more
useful than silently falling back to a file picker.  No patient data is
involved; this module only reads.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH_ENV = "ENCLAVE_MODEL_PATH"
REGISTRY_KEY = r"SOFTWARE\Enclave Scribe"
REGISTRY_VALUE = "ModelPath"
CONFIG_FILE_NAME = "deployment.json"


@dataclass(frozen=True)
class ModelSetting:
    """A configured model path and where it came from (shown to IT in diagnostics)."""

    path: Path
    source: str


def machine_config_file(*, platform: str = sys.platform) -> Path:
    """Where the machine-wide deployment.json lives on `platform`."""
    if platform == "win32":
        program_data = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(program_data) / "Enclave Scribe" / CONFIG_FILE_NAME
    if platform == "darwin":
        return Path("/Library/Application Support/Enclave Scribe") / CONFIG_FILE_NAME
    return Path("/etc/enclave-scribe") / CONFIG_FILE_NAME


def _from_environment() -> ModelSetting | None:
    value = os.environ.get(MODEL_PATH_ENV, "").strip()
    return ModelSetting(Path(value), f"environment variable {MODEL_PATH_ENV}") if value else None


def _from_registry() -> ModelSetting | None:
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE, REGISTRY_KEY, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        ) as key:
            value, _kind = winreg.QueryValueEx(key, REGISTRY_VALUE)
    except OSError:
        return None
    text = str(value).strip()
    return ModelSetting(Path(text), rf"HKLM\{REGISTRY_KEY}\{REGISTRY_VALUE}") if text else None


def read_config_file(path: Path) -> ModelSetting | None:
    """The `model_path` in a deployment.json; None if absent, unreadable or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    value = data.get("model_path") if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None
    return ModelSetting(Path(value.strip()), str(path))


def _from_config_file() -> ModelSetting | None:
    return read_config_file(machine_config_file())


_SOURCES: tuple[Callable[[], ModelSetting | None], ...] = (
    _from_environment,
    _from_registry,
    _from_config_file,
)


def preconfigured_model_setting() -> ModelSetting | None:
    """The first configured model path, with its source; None if IT set none."""
    for source in _SOURCES:
        setting = source()
        if setting is not None:
            return setting
    return None


def preconfigured_model_path() -> Path | None:
    setting = preconfigured_model_setting()
    return setting.path if setting is not None else None
