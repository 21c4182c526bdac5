"""SHA-256 of a model file, in chunks, with progress and cancel.

A 12 GB model takes tens of seconds to hash; the UI runs this on a worker
thread, shows progress and lets the clinician stop it, so it reads fixed-size
chunks (never the whole file) and checks the cancel flag between them.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from engine.errors import ModelFileError, OperationCancelled

CHUNK_BYTES = 8 * 1024 * 1024

ByteProgress = Callable[[int, int], None]
Cancel = threading.Event | Callable[[], bool]


def sha256_file(
    path: Path | str,
    *,
    progress: ByteProgress | None = None,
    cancel: Cancel | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> str:
    """Hex SHA-256 of `path`.

    `progress(done_bytes, total_bytes)` is called after every chunk (once
    with (0, 0) for an empty file); `cancel` (an Event or a callable returning True)
    stops the work with `OperationCancelled` within one chunk.
    """
    is_cancelled = _cancel_check(cancel)
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            total = _size(file.fileno())
            done = 0
            while chunk := file.read(chunk_bytes):
                if is_cancelled():
                    raise OperationCancelled(detail=f"hashing stopped at {done}/{total} bytes")
                digest.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except FileNotFoundError as error:
        raise ModelFileError("The model file was not found.", detail=str(path)) from error
    except OSError as error:
        raise ModelFileError("The model file could not be read.", detail=repr(error)) from error
    if total == 0 and progress is not None:
        progress(0, 0)
    return digest.hexdigest()


def _cancel_check(cancel: Cancel | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def _size(fd: int) -> int:
    return os.fstat(fd).st_size
