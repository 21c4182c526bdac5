"""The app icon in the three containers the installers need, drawn in code.

Linux (.desktop, .deb) wants a PNG, Windows (exe, MSI shortcut) an .ico,
macOS an .icns.  Both .ico (Vista+) and .icns (`ic08`/`ic09`) may embed PNG
data directly, so one rasteriser plus two tiny container writers cover all
three without committing binary files or needing an image library at build
time.  The picture: a page with text lines and a folded corner on a teal
rounded square.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

_TEAL = (15, 118, 110, 255)
_PAGE = (248, 250, 252, 255)
_INK = (51, 65, 85, 255)
_CLEAR = (0, 0, 0, 0)


def _inside_rounded(x: float, y: float, *, size: int, radius: float) -> bool:
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _pixel(x: int, y: int, size: int) -> tuple[int, int, int, int]:
    u, v = (x + 0.5) / size, (y + 0.5) / size
    if not _inside_rounded(x + 0.5, y + 0.5, size=size, radius=size * 0.18):
        return _CLEAR
    page = 0.26 <= u <= 0.74 and 0.16 <= v <= 0.84
    fold = u - v > 0.44
    if not page or fold:
        return _TEAL
    on_line = any(abs(v - row) < 0.018 for row in (0.38, 0.48, 0.58, 0.68))
    return _INK if on_line and 0.33 <= u <= (0.60 if v > 0.65 else 0.67) else _PAGE


def png_bytes(size: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(_pixel(x, y, size)) for x in range(size)) for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico_bytes(sizes: tuple[int, ...] = (16, 32, 48, 256)) -> bytes:
    images = [png_bytes(size) for size in sizes]
    offset = 6 + 16 * len(images)
    directory = b""
    for size, image in zip(sizes, images, strict=True):
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(images)


def icns_bytes() -> bytes:
    entries = b"".join(
        kind + struct.pack(">I", len(data) + 8) + data
        for kind, data in (
            (b"ic07", png_bytes(128)),
            (b"ic08", png_bytes(256)),
            (b"ic09", png_bytes(512)),
        )
    )
    return b"icns" + struct.pack(">I", len(entries) + 8) + entries


def write_icons(folder: Path) -> dict[str, Path]:
    """Write enclave-scribe.{png,ico,icns} into `folder` (skipped if present)."""
    folder.mkdir(parents=True, exist_ok=True)
    makers = {"png": lambda: png_bytes(256), "ico": ico_bytes, "icns": icns_bytes}
    paths = {}
    for suffix, make in makers.items():
        path = folder / f"enclave-scribe.{suffix}"
        if not path.exists():
            path.write_bytes(make())
        paths[suffix] = path
    return paths


if __name__ == "__main__":
    for written in write_icons(Path(sys.argv[1])).values():
        print(written)
