"""Where the app may write: one rule for every file it creates.

Everything goes under platformdirs' per-user data, config, log and cache
directories.  `ENCLAVE_HOME` overrides all of them with sub-folders of one
directory, so tests (and IT admins who want a roaming profile) never touch the
real profile.  Directories are created owner-only (0700).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "EnclaveScribe"
APP_AUTHOR = "EnclaveScribe"
HOME_ENV = "ENCLAVE_HOME"


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _base(kind: str) -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / kind
    getters: dict[str, Callable[[str, str], str]] = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "log": platformdirs.user_log_dir,
        "cache": platformdirs.user_cache_dir,
    }
    return Path(getters[kind](APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    """The encrypted store and its backups live here."""
    return _ensure(_base("data"))


def config_dir() -> Path:
    """Settings (never patient text)."""
    return _ensure(_base("config"))


def log_dir() -> Path:
    """Logs (never patient text)."""
    return _ensure(_base("log"))


def cache_dir() -> Path:
    """Derived, non-patient data (e.g. model hashes)."""
    return _ensure(_base("cache"))


def all_dirs() -> list[Path]:
    return [data_dir(), config_dir(), log_dir(), cache_dir()]
