"""A corrupted layer count must be refused before anything is sized by it.

Found by the header property test: `block_count` flipped to ~4 billion made
the tensor-set check build a list of ~90 billion names and the OS killed the
test run for memory.  The check runs in a child process with a 2 GiB address
space cap, so a regression fails this test instead of taking the suite down.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

GGUF_TYPE_UINT32 = 4
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from engine.modelfile import inspect_model
from engine.modelfile.errors import ModelFileError
try:
    inspect_model(sys.argv[1])
except ModelFileError as error:
    print(type(error).__name__)
    sys.exit(0)
sys.exit(3)
"""


def _with_u32_key(original: bytes, key: str, value: int) -> bytes:
    encoded = key.encode()
    at = original.index(struct.pack("<Q", len(encoded)) + encoded) + 8 + len(encoded)
    (value_type,) = struct.unpack_from("<I", original, at)
    assert value_type == GGUF_TYPE_UINT32
    patched = bytearray(original)
    struct.pack_into("<I", patched, at + 4, value)
    return bytes(patched)


@pytest.mark.parametrize("key", ["gpt-oss.block_count", "gpt-oss.expert_count"])
def test_absurd_counts_are_refused_without_allocating(
    tmp_path: Path, tiny_model_path: Path, key: str
) -> None:
    corrupt = tmp_path / "huge.gguf"
    corrupt.write_bytes(_with_u32_key(tiny_model_path.read_bytes(), key, 0xFFFF_FFFF))
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(corrupt)],
        cwd=root, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ModelTooLargeError"
