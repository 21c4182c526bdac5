"""Copies of the tiny model with one field or tensor changed, and a way to
hand a file to llama.cpp directly (no validation) in a child process.

The validator's regression tests need files that are wrong in exactly one
way, written by gguf's own writer so everything else stays well-formed, and
proof that llama.cpp itself would abort on them (in a child, so the abort
cannot take the test run down).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gguf
import numpy as np

FieldValue = tuple[Any, gguf.GGUFValueType, gguf.GGUFValueType | None]

_RAW_LOAD = """
import sys
import llama_cpp.llama_cpp as llc
llc.llama_backend_init()
params = llc.llama_model_default_params()
params.n_gpu_layers = 0
model = llc.llama_model_load_from_file(sys.argv[1].encode(), params)
print("NULL" if not model else "LOADED")
"""


def edit_model(
    base: Path,
    target: Path,
    *,
    fields: Mapping[str, FieldValue] | None = None,
    tensors: Mapping[str, np.ndarray] | None = None,
) -> Path:
    """Copy `base` to `target`, replacing the given metadata fields and tensors."""
    new_fields, new_tensors = dict(fields or {}), dict(tensors or {})
    reader = gguf.GGUFReader(base)
    writer = gguf.GGUFWriter(target, str(reader.fields["general.architecture"].contents()))
    for item in reader.fields.values():
        if item.name.startswith("GGUF.") or item.name == "general.architecture":
            continue
        value_type = item.types[0]
        sub_type = item.types[-1] if value_type == gguf.GGUFValueType.ARRAY else None
        value, value_type, sub_type = new_fields.get(
            item.name, (item.contents(), value_type, sub_type)
        )
        writer.add_key_value(item.name, value, value_type, sub_type=sub_type)
    for tensor in reader.tensors:
        if tensor.name in new_tensors:
            writer.add_tensor(tensor.name, new_tensors[tensor.name])
        else:
            writer.add_tensor(tensor.name, np.asarray(tensor.data), raw_dtype=tensor.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return target


def raw_llama_load(path: Path) -> tuple[int, str]:
    """Load `path` with llama.cpp alone in a child: (exit status, stdout)."""
    child = subprocess.run(
        [sys.executable, "-c", _RAW_LOAD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return child.returncode, child.stdout.strip()


def token_texts(base: Path) -> list[str]:
    reader = gguf.GGUFReader(base)
    contents = reader.fields["tokenizer.ggml.tokens"].contents()
    assert isinstance(contents, list)
    return [str(text) for text in contents]
