"""Writes an export all-or-nothing: a temp file in the destination folder,
flushed and fsynced, then renamed over the target.  A full disk or any other
failure leaves neither a half-written file nor the temp behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.writing.errors import ExportError


def write_atomically(path: Path, data: bytes) -> Path:
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError("The chosen folder does not exist.", detail=f"missing folder {folder}")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise ExportError(detail=f"{type(error).__name__} errno={error.errno}") from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
