"""Checks that a gpt-oss file's tensors agree with its own metadata.

llama.cpp reports some disagreements as load errors, but others end in a
GGML_ASSERT that aborts the whole process (a router that picks more experts
than exist, a norm stored as integers, tensor data that overlaps).  Those
must be caught here, from the header alone, so a damaged model file is
refused with a clear message and the app stays up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.errors import UnsupportedModelError
from engine.modelfile.errors import CorruptModelError

F32 = 0
MAX_LAYERS = 512  # llama.cpp's LLAMA_MAX_LAYERS
MAX_EXPERTS = 256  # below every llama.cpp LLAMA_MAX_EXPERTS; gpt-oss-120b has 128


class ModelTooLargeError(UnsupportedModelError):
    user_message = "This model has more layers or experts than Enclave Scribe can run."


@dataclass(frozen=True)
class Dimensions:
    """The metadata numbers every tensor shape derives from."""

    n_embd: int
    n_head: int
    n_head_kv: int
    key_length: int
    value_length: int
    n_expert: int
    n_expert_used: int
    n_ff_expert: int
    n_layer: int
    n_vocab: int

    def check(self) -> None:
        if self.n_layer > MAX_LAYERS or self.n_expert > MAX_EXPERTS:
            raise ModelTooLargeError(detail=f"layers={self.n_layer} experts={self.n_expert}")
        if self.n_expert_used > self.n_expert:
            raise CorruptModelError(
                detail=f"expert_used_count={self.n_expert_used} > expert_count={self.n_expert}"
            )
        if self.n_head % self.n_head_kv:
            raise CorruptModelError(
                detail=f"head_count={self.n_head} not a multiple of head_count_kv={self.n_head_kv}"
            )

    def expected_shapes(self) -> dict[str, tuple[int, ...]]:
        """ggml shape (fastest-varying dimension first) of every tensor."""
        shapes = {
            "token_embd.weight": (self.n_embd, self.n_vocab),
            "output_norm.weight": (self.n_embd,),
            "output.weight": (self.n_embd, self.n_vocab),
        }
        for layer in range(self.n_layer):
            shapes |= {f"blk.{layer}.{name}": shape for name, shape in self._block().items()}
        return shapes

    def _block(self) -> dict[str, tuple[int, ...]]:
        q_out = self.n_head * self.key_length
        k_out = self.n_head_kv * self.key_length
        v_out = self.n_head_kv * self.value_length
        embd, n_expert, n_ff = self.n_embd, self.n_expert, self.n_ff_expert
        return {
            "attn_norm.weight": (embd,),
            "post_attention_norm.weight": (embd,),
            "attn_q.weight": (embd, q_out),
            "attn_q.bias": (q_out,),
            "attn_k.weight": (embd, k_out),
            "attn_k.bias": (k_out,),
            "attn_v.weight": (embd, v_out),
            "attn_v.bias": (v_out,),
            "attn_output.weight": (self.n_head * self.value_length, embd),
            "attn_output.bias": (embd,),
            "attn_sinks.weight": (self.n_head,),
            "ffn_gate_inp.weight": (embd, n_expert),
            "ffn_gate_inp.bias": (n_expert,),
            "ffn_gate_exps.weight": (embd, n_ff, n_expert),
            "ffn_gate_exps.bias": (n_ff, n_expert),
            "ffn_up_exps.weight": (embd, n_ff, n_expert),
            "ffn_up_exps.bias": (n_ff, n_expert),
            "ffn_down_exps.weight": (n_ff, embd, n_expert),
            "ffn_down_exps.bias": (embd, n_expert),
        }


def check_shapes(shapes: Mapping[str, tuple[int, ...]], dims: Dimensions) -> None:
    """Every tensor has the shape its metadata implies (extra tensors are ignored)."""
    for name, expected in dims.expected_shapes().items():
        found = shapes.get(name)
        if found is not None and found != expected:
            raise CorruptModelError(detail=f"{name} has shape {found}, metadata implies {expected}")


def needs_f32(name: str) -> bool:
    """Norms, biases and attention sinks are read as float32 by llama.cpp's kernels."""
    return name.endswith((".bias", "_norm.weight", "attn_sinks.weight"))


def check_types(types: Mapping[str, int]) -> None:
    for name, ggml_type in types.items():
        if needs_f32(name) and ggml_type != F32:
            raise CorruptModelError(detail=f"{name} stored as type {ggml_type}, must be F32")


def check_data_layout(spans: list[tuple[str, int, int]], *, alignment: int) -> None:
    """Tensor data lies back to back in index order, each start aligned, as in
    every file ggml writes; overlapping or scattered data means a damaged index.
    `spans` are (name, offset into the data section, size in bytes)."""
    expected = 0
    for name, offset, n_bytes in spans:
        if offset != expected:
            raise CorruptModelError(detail=f"{name} data at offset {offset}, expected {expected}")
        expected = -(-(offset + n_bytes) // alignment) * alignment
