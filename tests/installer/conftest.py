"""Shared helpers for the installer tests: the repository root and a runner
for the project's own scripts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


def require_tool(name: str) -> str:
    """Tests that need a system tool fail loudly when it is missing (scripts/test installs it)."""
    import shutil

    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; run scripts/bootstrap.sh or apt-get install it")
    return path


def load_installer_module(relative: str) -> ModuleType:
    """Import a build script from installer/ by path (installer/ is not a package)."""
    path = REPO / "installer" / relative
    name = "enclave_installer_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
