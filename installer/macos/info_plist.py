"""The macOS .app's Info.plist, in one place for the spec and the tests.

PyInstaller's BUNDLE merges this dict over its own defaults; writing it out
as a file lets the test parse it with plistlib and check the keys without a
Mac.  PySide6 6.12 needs macOS 14, hence LSMinimumSystemVersion.
"""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path
from typing import Any

BUNDLE_ID = "org.enclavescribe.EnclaveScribe"
APP_NAME = "Enclave Scribe"
MIN_MACOS = "14.0"


def info_plist(version: str) -> dict[str, Any]:
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleExecutable": "enclave-scribe",
        "CFBundlePackageType": "APPL",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleIconFile": "enclave-scribe.icns",
        "LSMinimumSystemVersion": MIN_MACOS,
        "LSApplicationCategoryType": "public.app-category.medical",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "Enclave Scribe contributors. Apache-2.0.",
    }


def write_info_plist(version: str, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("wb") as handle:
        plistlib.dump(info_plist(version), handle)
    return destination


if __name__ == "__main__":
    print(write_info_plist(sys.argv[1], Path(sys.argv[2])))
