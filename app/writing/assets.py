"""Where bundled data files live, in a checkout and in a frozen build.

In a source checkout `assets/` sits next to the `app` package.  PyInstaller
one-file and one-folder builds unpack data to `sys._MEIPASS`; the installer
spec must bundle the repository's `assets/` folder as `assets` there.  One
helper answers both cases so no module guesses paths on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

ASSETS_ENV_ROOT_NAME = "assets"


def assets_root() -> Path:
    """The folder holding templates, icons and styles."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / ASSETS_ENV_ROOT_NAME
    return Path(__file__).resolve().parent.parent.parent / ASSETS_ENV_ROOT_NAME


def asset_path(*parts: str) -> Path:
    """A path inside the assets folder (it may not exist; callers check)."""
    return assets_root().joinpath(*parts)
