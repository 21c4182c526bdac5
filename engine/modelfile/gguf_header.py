"""A bounds-checked reader of a GGUF file's header (metadata and tensor index).

Why not `gguf.GGUFReader`: it trusts every count and length in the file and
builds a numpy view per array element, which takes about 12 s on gpt-oss's
200k-token vocabulary and can spin on garbage counts.  Here every length is
checked against the bytes that remain before it is used, so a truncated or
random file fails fast with a clear error and never allocates more than the
file holds.  Tensor data is never read.
"""

from __future__ import annotations

import mmap
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError
from engine.modelfile.errors import CorruptModelError, NotGGUFError, TruncatedModelError

GGUF_MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32
MAX_DIMS = 4
MAX_NESTING = 2

# GGUF value type id -> (struct format, size); 8 = string, 9 = array.
_SCALARS: dict[int, tuple[str, int]] = {
    0: ("<B", 1),
    1: ("<b", 1),
    2: ("<H", 2),
    3: ("<h", 2),
    4: ("<I", 4),
    5: ("<i", 4),
    6: ("<f", 4),
    7: ("<?", 1),
    10: ("<Q", 8),
    11: ("<q", 8),
    12: ("<d", 8),
}
STRING, ARRAY, INT32, FLOAT32 = 8, 9, 5, 6
_MIN_KV_BYTES = 8 + 4 + 1
_MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8


@dataclass(frozen=True)
class RawTensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int  # relative to the data section


@dataclass(frozen=True)
class GGUFHeader:
    version: int
    metadata: dict[str, Any]
    value_types: dict[str, tuple[int, int | None]]  # key -> (GGUF type, array item type)
    tensors: tuple[RawTensorInfo, ...]
    data_offset: int
    file_size: int


class _Cursor:
    """Reads little-endian values from a buffer, refusing to run past its end."""

    def __init__(self, buffer: mmap.mmap | bytes) -> None:
        self._buf = buffer
        self._size = len(buffer)
        self.pos = 0

    @property
    def remaining(self) -> int:
        return self._size - self.pos

    def take(self, n: int) -> bytes:
        if n < 0 or n > self.remaining:
            raise TruncatedModelError(detail=f"needs {n} bytes at offset {self.pos}")
        chunk = self._buf[self.pos : self.pos + n]
        self.pos += n
        return bytes(chunk)

    def scalar(self, fmt: str, size: int) -> Any:
        return struct.unpack(fmt, self.take(size))[0]

    def u32(self) -> int:
        return int(self.scalar("<I", 4))

    def u64(self) -> int:
        return int(self.scalar("<Q", 8))

    def string(self) -> str:
        raw = self.take(self.u64())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CorruptModelError(
                detail=f"invalid UTF-8 string near offset {self.pos}"
            ) from error


def read_header(path: Path) -> GGUFHeader:
    """Parse magic, version, metadata and tensor index of `path`."""
    try:
        with open(path, "rb") as file:
            size = _file_size(file.fileno())
            if size < 4:
                raise NotGGUFError(detail=f"file has {size} bytes")
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
                return _parse(_Cursor(view), size)
    except ModelFileError:
        raise
    except FileNotFoundError as error:
        raise ModelFileError("The model file was not found.", detail=str(path)) from error
    except OSError as error:
        raise ModelFileError("The model file could not be read.", detail=repr(error)) from error


def _file_size(fd: int) -> int:
    return os.fstat(fd).st_size


def _parse(cursor: _Cursor, size: int) -> GGUFHeader:
    if cursor.take(4) != GGUF_MAGIC:
        raise NotGGUFError(detail="bad magic")
    version = cursor.u32()
    if version not in (2, 3):
        raise CorruptModelError(
            "This GGUF version is not supported.", detail=f"GGUF version {version}"
        )
    n_tensors, n_kv = cursor.u64(), cursor.u64()
    _check_count(n_kv * _MIN_KV_BYTES, cursor, what=f"{n_kv} metadata entries")
    _check_count(n_tensors * _MIN_TENSOR_INFO_BYTES, cursor, what=f"{n_tensors} tensors")
    metadata: dict[str, Any] = {}
    value_types: dict[str, tuple[int, int | None]] = {}
    for _ in range(n_kv):
        key = cursor.string()
        value_type = cursor.u32()
        value_types[key] = (value_type, _peek_item_type(cursor, value_type))
        metadata[key] = _value(cursor, value_type, depth=0)
    tensors = tuple(_tensor_info(cursor) for _ in range(n_tensors))
    alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise CorruptModelError(detail=f"bad alignment {alignment!r}")
    data_offset = -(-cursor.pos // alignment) * alignment
    return GGUFHeader(version, metadata, value_types, tensors, data_offset, size)


def _peek_item_type(cursor: _Cursor, value_type: int) -> int | None:
    """An array's item type, read without moving the cursor."""
    if value_type != ARRAY:
        return None
    start = cursor.pos
    item_type = cursor.u32()
    cursor.pos = start
    return item_type


def _check_count(min_bytes: int, cursor: _Cursor, *, what: str) -> None:
    if min_bytes > cursor.remaining:
        raise TruncatedModelError(detail=f"{what} cannot fit in {cursor.remaining} bytes")


def _value(cursor: _Cursor, value_type: int, *, depth: int) -> Any:
    if value_type in _SCALARS:
        return cursor.scalar(*_SCALARS[value_type])
    if value_type == STRING:
        return cursor.string()
    if value_type == ARRAY and depth < MAX_NESTING:
        return _array(cursor, depth=depth)
    raise CorruptModelError(detail=f"unknown metadata value type {value_type}")


def _array(cursor: _Cursor, *, depth: int) -> list[Any]:
    item_type, count = cursor.u32(), cursor.u64()
    if item_type in _SCALARS:
        fmt, item_size = _SCALARS[item_type]
        _check_count(count * item_size, cursor, what=f"array of {count}")
        raw = cursor.take(count * item_size)
        return list(struct.unpack(f"<{count}{fmt[1]}", raw))
    _check_count(count * 8, cursor, what=f"array of {count}")
    if item_type == STRING:
        return _string_array(cursor, count)
    return [_value(cursor, item_type, depth=depth + 1) for _ in range(count)]


def _string_array(cursor: _Cursor, count: int) -> list[str]:
    return [cursor.string() for _ in range(count)]


def _tensor_info(cursor: _Cursor) -> RawTensorInfo:
    name = cursor.string()
    n_dims = cursor.u32()
    if not 1 <= n_dims <= MAX_DIMS:
        raise CorruptModelError(detail=f"tensor {name!r} has {n_dims} dimensions")
    shape = tuple(cursor.u64() for _ in range(n_dims))
    ggml_type = cursor.u32()
    offset = cursor.u64()
    return RawTensorInfo(name=name, shape=shape, ggml_type=ggml_type, offset=offset)
