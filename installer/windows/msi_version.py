"""Print the project version as Windows Installer wants it: three numbers.

ProductVersion must be `major.minor.build` with numbers only, and
MajorUpgrade compares just those, so a pre-release suffix (`0.2.0rc1`) is
dropped rather than passed through to a malformed MSI.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path


def msi_version(version: str) -> str:
    numbers = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if numbers is None:
        raise SystemExit(f"msi_version: not a release version: {version!r}")
    return ".".join(part or "0" for part in numbers.groups())


if __name__ == "__main__":
    project = tomllib.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["project"]
    print(msi_version(project["version"]))
