"""Third-party licence notices for the bundle, gathered from what is installed.

Every distribution the app needs at run time (the project's own dependency
list, followed transitively through package metadata) is listed with its
version and declared licence, followed by the text of each licence file its
wheel ships.  Deriving the list from metadata means a new dependency gets its
notice without anyone remembering to add it.  Python itself and the Qt
libraries (LGPL; their licence texts are not inside the PySide6 wheel) get
explicit entries.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")

QT_NOTICE = """\
Qt 6 (bundled through PySide6 / shiboken6) is used under the GNU Lesser General
Public License v3 (LGPL-3.0-only).  The Qt libraries are shipped as separate,
replaceable shared libraries in this folder.  Their source code and licence
texts are available from https://www.qt.io/download-open-source and
https://code.qt.io/ ; the PySide6 source from https://code.qt.io/pyside/pyside-setup.
"""

LLAMA_NOTICE = """\
llama.cpp and ggml (compiled into llama-cpp-python's shared libraries) are
MIT-licensed: Copyright (c) 2023-2024 The ggml authors.
"""


def runtime_requirements(pyproject: Path) -> list[str]:
    """Names in the project's [project].dependencies (no extras, no dev tools)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [_requirement_name(spec) for spec in project.get("dependencies", [])]


def _requirement_name(spec: str) -> str:
    match = _NAME.match(spec.strip())
    if match is None:
        raise ValueError(f"unreadable requirement: {spec!r}")
    return match.group(0)


def _has_extra_marker(spec: str) -> bool:
    return "extra ==" in spec.replace('extra=="', 'extra == "')


def dependency_closure(names: Iterable[str]) -> list[metadata.Distribution]:
    """The distributions for `names` and everything they require."""
    seen: dict[str, metadata.Distribution] = {}
    pending = list(names)
    while pending:
        name = pending.pop()
        key = _normalise(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for spec in dist.requires or []:
            if not _has_extra_marker(spec):
                pending.append(_requirement_name(spec))
    return sorted(seen.values(), key=lambda dist: _normalise(dist.metadata["Name"]))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    files = []
    for entry in dist.files or []:
        parts = [part.lower() for part in entry.parts]
        in_dist_info = parts[0].endswith(".dist-info")
        looks_like_licence = any(word in parts[-1] for word in ("licen", "copying", "notice"))
        if in_dist_info and looks_like_licence:
            files.append(Path(str(dist.locate_file(entry))))
    return [path for path in files if path.is_file()]


def _declared_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if "License-Expression" in meta:
        return str(meta["License-Expression"])
    licence = str(meta["License"]) if "License" in meta else ""
    first_line = licence.strip().splitlines()[0] if licence.strip() else ""
    classifiers = [
        c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if "License" in c
    ]
    return first_line[:120] or ", ".join(classifiers) or "see licence text"


def _section(title: str, body: str) -> str:
    rule = "=" * 78
    return f"{rule}\n{title}\n{rule}\n{body.rstrip()}\n\n"


def notices_text(pyproject: Path) -> str:
    """The whole THIRD-PARTY-NOTICES.txt."""
    parts = ["Enclave Scribe bundles the following third-party software.\n\n"]
    python_licence = (
        Path(sys.base_prefix)
        / "lib"
        / f"python{sys.version_info.major}.{sys.version_info.minor}"
        / "LICENSE.txt"
    )
    python_text = (
        python_licence.read_text(encoding="utf-8", errors="replace")
        if python_licence.is_file()
        else "PSF-2.0"
    )
    parts.append(_section(f"Python {sys.version.split()[0]} (PSF-2.0)", python_text))
    parts.append(_section("Qt 6 (LGPL-3.0-only)", QT_NOTICE))
    parts.append(_section("llama.cpp / ggml (MIT)", LLAMA_NOTICE))
    for dist in dependency_closure(runtime_requirements(pyproject)):
        title = f"{dist.metadata['Name']} {dist.version} ({_declared_licence(dist)})"
        texts = [
            path.read_text(encoding="utf-8", errors="replace") for path in _licence_files(dist)
        ]
        parts.append(
            _section(title, "\n\n".join(texts) or "Licence text: see the project's homepage.")
        )
    return "".join(parts)


def write_notices(pyproject: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(notices_text(pyproject), encoding="utf-8")
    return destination


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    out = write_notices(
        root / "pyproject.toml",
        Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "THIRD-PARTY-NOTICES.txt",
    )
    print(out)
