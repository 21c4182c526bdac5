"""Inspect and validate a gpt-oss GGUF from its header alone.

The settings dialog, `enclave model inspect` and the offload planner all need
the same facts (architecture, context, layers, experts, per-tensor sizes), and
llama.cpp must never be handed a file that would make it crash: a partial
copy, random bytes, another architecture, or weight types this build lacks.
Each of those gets its own error class from `engine.modelfile.errors`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.modelfile.errors import (
    CorruptModelError,
    MissingMetadataError,
    MissingTensorError,
    TruncatedModelError,
    UnsupportedTensorTypeError,
    WrongArchitectureError,
)
from engine.modelfile.gguf_header import GGUFHeader, RawTensorInfo, read_header
from engine.modelfile.tensor_types import RUNNABLE_TYPES, tensor_nbytes, type_name

SUPPORTED_ARCH = "gpt-oss"
REQUIRED_INT_KEYS = (
    "context_length",
    "embedding_length",
    "block_count",
    "attention.head_count",
    "attention.head_count_kv",
    "attention.sliding_window",
    "expert_count",
    "expert_used_count",
    "expert_feed_forward_length",
)
GLOBAL_TENSORS = ("token_embd.weight", "output_norm.weight", "output.weight")
LAYER_TENSORS = tuple(
    f"{stem}.{kind}"
    for stem, kinds in (
        ("attn_norm", ("weight",)),
        ("post_attention_norm", ("weight",)),
        ("attn_q", ("weight", "bias")),
        ("attn_k", ("weight", "bias")),
        ("attn_v", ("weight", "bias")),
        ("attn_output", ("weight", "bias")),
        ("attn_sinks", ("weight",)),
        ("ffn_gate_inp", ("weight", "bias")),
        ("ffn_gate_exps", ("weight", "bias")),
        ("ffn_up_exps", ("weight", "bias")),
        ("ffn_down_exps", ("weight", "bias")),
    )
    for kind in kinds
)


@dataclass(frozen=True)
class TensorEntry:
    name: str
    ggml_type: int
    type_name: str
    shape: tuple[int, ...]
    n_bytes: int


@dataclass(frozen=True)
class ModelReport:
    path: str
    file_size: int
    gguf_version: int
    architecture: str
    name: str
    context_length: int
    embedding_length: int
    block_count: int
    head_count: int
    head_count_kv: int
    sliding_window: int
    expert_count: int
    expert_used_count: int
    vocab_size: int
    chat_template: str
    tensors: tuple[TensorEntry, ...]

    @property
    def tensor_bytes(self) -> int:
        return sum(t.n_bytes for t in self.tensors)

    @property
    def bytes_by_type(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for tensor in self.tensors:
            totals[tensor.type_name] += tensor.n_bytes
        return dict(totals.most_common())

    def to_dict(self) -> dict[str, Any]:
        fields = {k: v for k, v in vars(self).items() if k != "tensors"}
        return {
            **fields,
            "tensor_bytes": self.tensor_bytes,
            "bytes_by_type": self.bytes_by_type,
            "tensors": [vars(t) | {"shape": list(t.shape)} for t in self.tensors],
        }


def inspect_model(path: Path | str) -> ModelReport:
    """Read and validate `path`; raise a `ModelFileError` subclass if unusable."""
    header = read_header(Path(path))
    meta = header.metadata
    _check_architecture(meta)
    numbers = {key: _int_key(meta, f"{SUPPORTED_ARCH}.{key}") for key in REQUIRED_INT_KEYS}
    tokens = meta.get("tokenizer.ggml.tokens")
    if not isinstance(tokens, list) or not tokens:
        raise MissingMetadataError(detail="tokenizer.ggml.tokens")
    tensors = _validated_tensors(header)
    _check_tensor_set(tensors, n_layers=numbers["block_count"])
    return ModelReport(
        path=str(path),
        file_size=header.file_size,
        gguf_version=header.version,
        architecture=SUPPORTED_ARCH,
        name=str(meta.get("general.name", "")),
        context_length=numbers["context_length"],
        embedding_length=numbers["embedding_length"],
        block_count=numbers["block_count"],
        head_count=numbers["attention.head_count"],
        head_count_kv=numbers["attention.head_count_kv"],
        sliding_window=numbers["attention.sliding_window"],
        expert_count=numbers["expert_count"],
        expert_used_count=numbers["expert_used_count"],
        vocab_size=len(tokens),
        chat_template=str(meta.get("tokenizer.chat_template", "")),
        tensors=tensors,
    )


def _check_architecture(meta: Mapping[str, Any]) -> None:
    arch = meta.get("general.architecture")
    if not isinstance(arch, str):
        raise MissingMetadataError(detail="general.architecture")
    if arch != SUPPORTED_ARCH:
        raise WrongArchitectureError(
            f"This is a {arch[:40]} model, not gpt-oss. Enclave Scribe runs gpt-oss models only.",
            detail=f"architecture={arch[:80]!r}",
        )


def _int_key(meta: Mapping[str, Any], key: str) -> int:
    value = meta.get(key)
    if value is None:
        raise MissingMetadataError(detail=key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise CorruptModelError(detail=f"{key}={value!r}")
    return value


def _validated_tensors(header: GGUFHeader) -> tuple[TensorEntry, ...]:
    unsupported = sorted(
        {type_name(t.ggml_type) for t in header.tensors if t.ggml_type not in RUNNABLE_TYPES}
    )
    if unsupported:
        raise UnsupportedTensorTypeError(detail=f"tensor types {', '.join(unsupported)}")
    return tuple(_entry(raw, header) for raw in header.tensors)


def _entry(raw: RawTensorInfo, header: GGUFHeader) -> TensorEntry:
    tensor_type = RUNNABLE_TYPES[raw.ggml_type]
    n_bytes = tensor_nbytes(raw.shape, tensor_type)
    if n_bytes is None:
        raise CorruptModelError(detail=f"{raw.name}: shape {raw.shape} vs {tensor_type.name}")
    end = header.data_offset + raw.offset + n_bytes
    if end > header.file_size:
        raise TruncatedModelError(
            detail=f"{raw.name} ends at byte {end}, file has {header.file_size}"
        )
    return TensorEntry(raw.name, raw.ggml_type, tensor_type.name, raw.shape, n_bytes)


def _check_tensor_set(tensors: tuple[TensorEntry, ...], *, n_layers: int) -> None:
    present = {t.name for t in tensors}
    expected = [*GLOBAL_TENSORS]
    expected += [f"blk.{i}.{suffix}" for i in range(n_layers) for suffix in LAYER_TENSORS]
    missing = [name for name in expected if name not in present]
    if missing:
        more = f" (+{len(missing) - 3} more)" if len(missing) > 3 else ""
        raise MissingTensorError(detail=f"missing {', '.join(missing[:3])}{more}")
