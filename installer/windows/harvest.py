"""Write the WiX fragment that lists every file of the PyInstaller bundle.

One script for both builds (WiX 3 on the Windows runner, msitools' wixl for
the structural check on Linux) so the two MSIs cannot list files
differently.  Component GUIDs are derived from the file's path inside the
bundle (uuid5), so they stay the same from one release to the next, which is
what Windows Installer's component rules ask of an upgrade.  Sources are
`<bundle folder name>/…`, relative to the bundle's parent, which the build
passes as a search path (`light -b build/dist`) or runs in (wixl accepts no
absolute sources and looks only in its working directory).
Symbolic links (PyInstaller makes some on Linux) are stored as the files
they point to.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr

COMPONENT_NAMESPACE = uuid.UUID("6f2f9c1e-3f0e-4f5c-9d3a-2b8e7c1d4a10")
GROUP_ID = "BundleFiles"
ROOT_DIRECTORY_REF = "INSTALLDIR"


def _short_id(prefix: str, relative: PurePosixPath) -> str:
    digest = hashlib.sha1(relative.as_posix().encode("utf-8")).hexdigest()[:24]
    return f"{prefix}{digest}"


def component_guid(relative: PurePosixPath) -> str:
    return str(uuid.uuid5(COMPONENT_NAMESPACE, relative.as_posix().lower())).upper()


def bundle_files(bundle: Path) -> list[PurePosixPath]:
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return sorted(PurePosixPath(path.relative_to(bundle).as_posix()) for path in files)


@dataclass
class _Folder:
    path: PurePosixPath
    folders: dict[str, _Folder] = field(default_factory=dict)
    files: list[PurePosixPath] = field(default_factory=list)


def _tree(files: list[PurePosixPath]) -> _Folder:
    root = _Folder(PurePosixPath("."))
    for file in files:
        folder = root
        for part in file.parts[:-1]:
            folder = folder.folders.setdefault(part, _Folder(folder.path / part))
        folder.files.append(file)
    return root


def _folder_xml(folder: _Folder, depth: int, prefix: str) -> list[str]:
    pad = "  " * depth
    lines = []
    for name, child in sorted(folder.folders.items()):
        lines.append(
            f"{pad}<Directory Id={quoteattr(_short_id('d', child.path))} Name={quoteattr(name)}>"
        )
        lines += _folder_xml(child, depth + 1, prefix)
        lines.append(f"{pad}</Directory>")
    for file in folder.files:
        lines += _component_xml(file, pad, prefix)
    return lines


def _component_xml(file: PurePosixPath, pad: str, prefix: str) -> list[str]:
    component = quoteattr(_short_id("c", file))
    source = quoteattr(os.sep.join((prefix, *file.parts)))
    return [
        f'{pad}<Component Id={component} Guid="{component_guid(file)}" Win64="$(var.Win64)">',
        f"{pad}  <File Id={quoteattr(_short_id('f', file))} Name={quoteattr(file.name)} "
        f'Source={source} KeyPath="yes"/>',
        f"{pad}</Component>",
    ]


def fragment_xml(bundle: Path) -> str:
    files = bundle_files(bundle)
    if not files:
        raise SystemExit(f"harvest: no files under {bundle}")
    tree = _folder_xml(_tree(files), depth=3, prefix=bundle.name)
    refs = [f"      <ComponentRef Id={quoteattr(_short_id('c', file))}/>" for file in files]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
            "  <Fragment>",
            f'    <DirectoryRef Id="{ROOT_DIRECTORY_REF}">',
            *tree,
            "    </DirectoryRef>",
            "  </Fragment>",
            "  <Fragment>",
            f'    <ComponentGroup Id="{GROUP_ID}">',
            *refs,
            "    </ComponentGroup>",
            "  </Fragment>",
            "</Wix>",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller one-folder output")
    parser.add_argument("output", type=Path, help="the .wxs fragment to write")
    args = parser.parse_args()
    args.output.write_text(fragment_xml(args.bundle), encoding="utf-8")
    print(f"harvest: {len(bundle_files(args.bundle))} files -> {args.output}")


if __name__ == "__main__":
    main()
