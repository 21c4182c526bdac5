"""What the planner needs from a GGUF, read from its header without loading it.

Tensor sizes and the few architecture numbers that size the KV cache come
from the `gguf` reader (memory-mapped: a 12 GB file costs nothing to open).
A file the reader cannot parse is refused here with a clear message, before
llama.cpp ever sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gguf

from engine.errors import ModelFileError, UnsupportedModelError
from engine.runtime.planner import ModelShape

GGUF_MAGIC = b"GGUF"
SUPPORTED_ARCH = "gpt-oss"


@dataclass(frozen=True)
class ModelFacts:
    tensors: tuple[tuple[str, int], ...]
    shape: ModelShape
    context_length: int


def read_model_facts(path: Path) -> ModelFacts:
    _check_magic(path)
    try:
        reader = gguf.GGUFReader(path)
        arch = _field(reader, "general.architecture")
        if arch != SUPPORTED_ARCH:
            raise UnsupportedModelError(
                f"This file is a {arch!s} model; Enclave Scribe runs gpt-oss models only.",
                detail=f"architecture={arch!r}",
            )
        return _facts(reader, arch)
    except (ValueError, KeyError, IndexError, OSError, EOFError) as error:
        raise ModelFileError(
            "The model file is damaged or incomplete. Download or copy it again.",
            detail=f"{type(error).__name__}: {error}",
        ) from error


def _check_magic(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise ModelFileError(
            "The model file cannot be opened.", detail=f"{type(error).__name__}: {error}"
        ) from error
    if magic != GGUF_MAGIC:
        raise ModelFileError("This file is not a GGUF model file.", detail=f"magic={magic!r}")


def _facts(reader: gguf.GGUFReader, arch: str) -> ModelFacts:
    n_layers = _int_field(reader, f"{arch}.block_count")
    shape = ModelShape(
        n_layers=n_layers,
        n_kv_heads=_int_field(reader, f"{arch}.attention.head_count_kv"),
        key_length=_int_field(reader, f"{arch}.attention.key_length"),
        value_length=_int_field(reader, f"{arch}.attention.value_length"),
        sliding_window=_int_field(reader, f"{arch}.attention.sliding_window"),
        n_swa_layers=(n_layers + 1) // 2,  # gpt-oss: layers 0, 2, 4… use the window
        n_vocab=len(reader.fields["tokenizer.ggml.tokens"].data),
    )
    tensors = tuple((tensor.name, int(tensor.n_bytes)) for tensor in reader.tensors)
    context_length = _int_field(reader, f"{arch}.context_length")
    return ModelFacts(tensors=tensors, shape=shape, context_length=context_length)


def _int_field(reader: gguf.GGUFReader, key: str) -> int:
    value = _field(reader, key)
    if not isinstance(value, int):
        raise ValueError(f"{key} is not an integer")
    return value


def _field(reader: gguf.GGUFReader, key: str) -> object:
    field = reader.fields[key]
    return field.contents()
