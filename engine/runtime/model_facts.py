"""What the planner needs from a GGUF, taken from the validated model report.

The numbers come from `engine.modelfile`'s validator (bounds-checked header
reading, tensor shapes checked against the metadata), so every path that
plans or loads a model has validated the file first, and a file is only
parsed once per question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.modelfile import ModelReport, inspect_model
from engine.runtime.planner import ModelShape


@dataclass(frozen=True)
class ModelFacts:
    tensors: tuple[tuple[str, int], ...]
    shape: ModelShape
    context_length: int


def read_model_facts(path: Path) -> ModelFacts:
    """Validate `path` and return its planning facts; raises `ModelFileError`s."""
    return facts_from_report(inspect_model(path))


def facts_from_report(report: ModelReport) -> ModelFacts:
    shape = ModelShape(
        n_layers=report.block_count,
        n_kv_heads=report.head_count_kv,
        key_length=report.key_length,
        value_length=report.value_length,
        sliding_window=report.sliding_window,
        n_swa_layers=(report.block_count + 1) // 2,  # gpt-oss: layers 0, 2, 4… use the window
        n_vocab=report.vocab_size,
    )
    tensors = tuple((tensor.name, tensor.n_bytes) for tensor in report.tensors)
    return ModelFacts(tensors=tensors, shape=shape, context_length=report.context_length)
