"""Inspect and validate a gpt-oss GGUF from its header alone.

The settings dialog, `enclave model inspect` and the offload planner all need
the same facts (architecture, context, layers, experts, per-tensor sizes), and
llama.cpp must never be handed a file that would make it crash: a partial
copy, random bytes, another architecture, or weight types this build lacks.
Each of those gets its own error class from `engine.modelfile.errors`.

`open_model_file` is the one validator: `enclave model inspect`, the settings
dialog and the runtime's loader all go through it, so a file one of them
accepts is never refused by another (or, worse, handed to llama.cpp to
abort on).  It also builds the file's `Vocabulary`, which is both a check
(llama.cpp asserts on a damaged tokenizer) and the codec the runtime uses.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.harmony.specials import HarmonySpecials
from engine.modelfile.consistency import (
    Dimensions,
    check_data_layout,
    check_shapes,
    check_types,
)
from engine.modelfile.errors import (
    CorruptModelError,
    MissingMetadataError,
    MissingTensorError,
    TruncatedModelError,
    UnsupportedTensorTypeError,
    WrongArchitectureError,
)
from engine.modelfile.gguf_header import DEFAULT_ALIGNMENT, GGUFHeader, RawTensorInfo, read_header
from engine.modelfile.tensor_types import RUNNABLE_TYPES, tensor_nbytes, type_name
from engine.modelfile.vocabulary import Vocabulary

SUPPORTED_ARCH = "gpt-oss"
REQUIRED_INT_KEYS = (
    "context_length",
    "embedding_length",
    "block_count",
    "attention.head_count",
    "attention.head_count_kv",
    "attention.key_length",
    "attention.value_length",
    "attention.sliding_window",
    "expert_count",
    "expert_used_count",
    "expert_feed_forward_length",
)
REQUIRED_FLOAT_KEYS = ("attention.layer_norm_rms_epsilon",)
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
    key_length: int
    value_length: int
    sliding_window: int
    expert_count: int
    expert_used_count: int
    expert_feed_forward_length: int
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


@dataclass(frozen=True)
class ModelFile:
    """A validated model file: its report and its vocabulary."""

    report: ModelReport
    vocabulary: Vocabulary


def inspect_model(path: Path | str) -> ModelReport:
    """Read and validate `path`; raise a `ModelFileError` subclass if unusable."""
    return open_model_file(path).report


def open_model_file(path: Path | str) -> ModelFile:
    """Validate `path` completely (the verdict every caller shares)."""
    header = read_header(Path(path))
    meta = header.metadata
    _check_architecture(meta)
    numbers = {key: _int_key(meta, f"{SUPPORTED_ARCH}.{key}") for key in REQUIRED_INT_KEYS}
    for key in REQUIRED_FLOAT_KEYS:
        _float_key(meta, f"{SUPPORTED_ARCH}.{key}")
    vocabulary = Vocabulary.from_header(header)
    HarmonySpecials.from_codec(vocabulary)
    dims = _dimensions(numbers, n_vocab=vocabulary.size)
    dims.check()  # bounds layer/expert counts before anything is sized by them
    tensors = _validated_tensors(header)
    _check_tensor_set(tensors, n_layers=numbers["block_count"])
    check_shapes({t.name: t.shape for t in tensors}, dims)
    check_types({t.name: t.ggml_type for t in tensors})
    return ModelFile(_report(path, header, numbers, vocabulary, tensors), vocabulary)


def _dimensions(numbers: Mapping[str, int], *, n_vocab: int) -> Dimensions:
    return Dimensions(
        n_embd=numbers["embedding_length"],
        n_head=numbers["attention.head_count"],
        n_head_kv=numbers["attention.head_count_kv"],
        key_length=numbers["attention.key_length"],
        value_length=numbers["attention.value_length"],
        n_expert=numbers["expert_count"],
        n_expert_used=numbers["expert_used_count"],
        n_ff_expert=numbers["expert_feed_forward_length"],
        n_layer=numbers["block_count"],
        n_vocab=n_vocab,
    )


def _report(
    path: Path | str,
    header: GGUFHeader,
    numbers: Mapping[str, int],
    vocabulary: Vocabulary,
    tensors: tuple[TensorEntry, ...],
) -> ModelReport:
    meta = header.metadata
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
        key_length=numbers["attention.key_length"],
        value_length=numbers["attention.value_length"],
        sliding_window=numbers["attention.sliding_window"],
        expert_count=numbers["expert_count"],
        expert_used_count=numbers["expert_used_count"],
        expert_feed_forward_length=numbers["expert_feed_forward_length"],
        vocab_size=vocabulary.size,
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


def _float_key(meta: Mapping[str, Any], key: str) -> float:
    value = meta.get(key)
    if value is None:
        raise MissingMetadataError(detail=key)
    if not isinstance(value, float) or not math.isfinite(value) or value <= 0:
        raise CorruptModelError(detail=f"{key}={value!r}")
    return value


def _validated_tensors(header: GGUFHeader) -> tuple[TensorEntry, ...]:
    unsupported = sorted(
        {type_name(t.ggml_type) for t in header.tensors if t.ggml_type not in RUNNABLE_TYPES}
    )
    if unsupported:
        raise UnsupportedTensorTypeError(detail=f"tensor types {', '.join(unsupported)}")
    entries = tuple(_entry(raw, header) for raw in header.tensors)
    alignment = header.metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    spans = [
        (raw.name, raw.offset, entry.n_bytes)
        for raw, entry in zip(header.tensors, entries, strict=True)
    ]
    check_data_layout(spans, alignment=alignment)
    return entries


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
