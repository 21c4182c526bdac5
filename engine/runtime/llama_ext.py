"""The ctypes pieces llama-cpp-python 0.3.36 declares but does not wire up.

- `tensor_buft_overrides` is typed as a bare pointer and never filled in by
  `Llama`; keeping MoE experts in system RAM needs a NULL-terminated array of
  {pattern, buffer type} structs pointing at the CPU buffer type.
- ggml's backend-device API (device list, type, free memory, buffer types)
  is not bound at all; it lives in the bundled libggml.
- The abort flag: llama.cpp polls the abort callback after every graph node
  on the compute thread.  A Python callback there would take the GIL once per
  node (and wait for any UI thread holding it), so the check is done in C:
  libc's `strlen` over a two-byte buffer is a `bool (*)(void *)` that reads
  "non-zero first byte" without touching Python.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from dataclasses import dataclass
from enum import IntEnum

import llama_cpp.llama_cpp as llc
from llama_cpp._ggml import libggml

_VOIDP = ctypes.c_void_p
_SIZE_T = ctypes.c_size_t


class DeviceType(IntEnum):
    """ggml_backend_dev_type, as in the bundled ggml-backend.h."""

    CPU = 0
    GPU = 1
    IGPU = 2
    ACCEL = 3
    META = 4


def _bind(name: str, argtypes: list[type], restype: type | None) -> None:
    function = getattr(libggml, name)
    function.argtypes = argtypes
    function.restype = restype


_bind("ggml_backend_dev_count", [], _SIZE_T)
_bind("ggml_backend_dev_get", [_SIZE_T], _VOIDP)
_bind("ggml_backend_dev_type", [_VOIDP], ctypes.c_int)
_bind("ggml_backend_dev_name", [_VOIDP], ctypes.c_char_p)
_bind("ggml_backend_dev_description", [_VOIDP], ctypes.c_char_p)
_bind("ggml_backend_dev_memory", [_VOIDP, ctypes.POINTER(_SIZE_T), ctypes.POINTER(_SIZE_T)], None)
_bind("ggml_backend_dev_by_type", [ctypes.c_int], _VOIDP)
_bind("ggml_backend_dev_buffer_type", [_VOIDP], _VOIDP)
_bind("ggml_backend_reg_count", [], _SIZE_T)
_bind("ggml_backend_reg_get", [_SIZE_T], _VOIDP)
_bind("ggml_backend_reg_name", [_VOIDP], ctypes.c_char_p)


@dataclass(frozen=True)
class BackendDevice:
    name: str
    description: str
    type: DeviceType
    free_bytes: int
    total_bytes: int


def backend_devices() -> list[BackendDevice]:
    """Every device the bundled ggml registered, with its memory right now."""
    devices = []
    for index in range(libggml.ggml_backend_dev_count()):
        handle = libggml.ggml_backend_dev_get(index)
        free, total = _SIZE_T(0), _SIZE_T(0)
        libggml.ggml_backend_dev_memory(handle, ctypes.byref(free), ctypes.byref(total))
        devices.append(
            BackendDevice(
                name=_text(libggml.ggml_backend_dev_name(handle)),
                description=_text(libggml.ggml_backend_dev_description(handle)),
                type=DeviceType(libggml.ggml_backend_dev_type(handle)),
                free_bytes=free.value,
                total_bytes=total.value,
            )
        )
    return devices


def backend_names() -> list[str]:
    """Registered backends, e.g. ["CPU"] or ["CUDA", "CPU"]."""
    return [
        _text(libggml.ggml_backend_reg_name(libggml.ggml_backend_reg_get(index)))
        for index in range(libggml.ggml_backend_reg_count())
    ]


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


class LlamaTensorBuftOverride(ctypes.Structure):
    """struct llama_model_tensor_buft_override { const char *pattern; buft; }."""

    _fields_ = [("pattern", ctypes.c_char_p), ("buft", _VOIDP)]


class CpuTensorOverrides:
    """A NULL-terminated override array sending matching tensors to system RAM.

    llama.cpp keeps the pointer, so this object must outlive the model.
    """

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._encoded = [pattern.encode("utf-8") for pattern in patterns]
        cpu_buft = libggml.ggml_backend_dev_buffer_type(
            libggml.ggml_backend_dev_by_type(DeviceType.CPU)
        )
        entries = [LlamaTensorBuftOverride(raw, cpu_buft) for raw in self._encoded]
        entries.append(LlamaTensorBuftOverride(None, None))
        self._array = (LlamaTensorBuftOverride * len(entries))(*entries)

    @property
    def pointer(self) -> int:
        return ctypes.addressof(self._array)


def _strlen_address() -> int:
    libc = ctypes.cdll.msvcrt if sys.platform == "win32" else ctypes.CDLL(None)
    address = ctypes.cast(libc.strlen, _VOIDP).value
    assert address is not None
    return address


class AbortFlag:
    """A cancel flag llama.cpp reads between graph nodes, without the GIL."""

    def __init__(self) -> None:
        self._buffer = ctypes.create_string_buffer(2)
        self.callback = llc.ggml_abort_callback(_strlen_address())

    @property
    def data(self) -> int:
        return ctypes.addressof(self._buffer)

    def set(self) -> None:
        self._buffer[0] = b"\x01"

    def clear(self) -> None:
        self._buffer[0] = b"\x00"

    def is_set(self) -> bool:
        return self._buffer[0] != b"\x00"


_LOG_SINK: list[object] = []  # keeps the C callback alive for the process


def route_llama_logs_to(logger: logging.Logger) -> None:
    """Send llama.cpp's log to `logger` at DEBUG instead of stderr.

    llama.cpp logs file names, tensor names and timings, never prompt text.
    """

    def forward(_level: int, text: bytes, _data: ctypes.c_void_p) -> None:
        logger.debug("%s", text.decode("utf-8", "replace").rstrip("\n"))

    callback = llc.llama_log_callback(forward)
    _LOG_SINK[:] = [callback]
    llc.llama_log_set(callback, ctypes.c_void_p(0))
