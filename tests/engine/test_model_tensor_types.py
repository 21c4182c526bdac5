"""The static table of runnable tensor types matches the bundled libggml.

Inspection refuses files by that table without loading native code, so it
must agree with the llama.cpp build the app ships: same block and byte sizes
for every listed type, and every type left out is one ggml itself marks
removed or that cannot hold model weights.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import llama_cpp
import pytest

from engine.modelfile.tensor_types import NOT_RUNNABLE_NAMES, RUNNABLE_TYPES, tensor_nbytes

LAST_TYPE_IN_BUILD = 41


@pytest.fixture(scope="module")
def libggml() -> ctypes.CDLL:
    lib_dir = Path(llama_cpp.__file__).parent / "lib"
    lib = ctypes.CDLL(str(next(lib_dir.glob("libggml-base.so*"))))
    lib.ggml_type_name.restype = ctypes.c_char_p
    lib.ggml_blck_size.restype = ctypes.c_int64
    lib.ggml_type_size.restype = ctypes.c_size_t
    return lib


def test_runnable_types_match_libggml(libggml: ctypes.CDLL) -> None:
    for type_id, expected in RUNNABLE_TYPES.items():
        assert libggml.ggml_type_name(type_id).decode().upper() == expected.name
        assert libggml.ggml_blck_size(type_id) == expected.block_size
        assert libggml.ggml_type_size(type_id) == expected.type_size


def test_left_out_types_are_removed_or_not_weight_types(libggml: ctypes.CDLL) -> None:
    for type_id in range(LAST_TYPE_IN_BUILD + 1):
        if type_id in RUNNABLE_TYPES:
            continue
        assert type_id in NOT_RUNNABLE_NAMES
        name = libggml.ggml_type_name(type_id).decode()
        removed = libggml.ggml_blck_size(type_id) == 0
        assert removed or name.upper() == NOT_RUNNABLE_NAMES[type_id], name


def test_tensor_bytes() -> None:
    mxfp4 = RUNNABLE_TYPES[39]
    assert tensor_nbytes((2880, 2880, 32), mxfp4) == 2880 * 2880 * 32 // 32 * 17
    assert tensor_nbytes((33, 4), mxfp4) is None
