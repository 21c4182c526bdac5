"""The ggml tensor types this build of llama.cpp can run, with their sizes.

A static table (checked against the bundled libggml by a test) so inspection
needs no native library: a file using a type missing here — removed repacked
types, activation-only types, or types newer than the bundled llama.cpp — is
refused before llama.cpp would fail on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TensorType:
    name: str
    block_size: int  # elements per block
    type_size: int  # bytes per block


RUNNABLE_TYPES: dict[int, TensorType] = {
    0: TensorType("F32", 1, 4),
    1: TensorType("F16", 1, 2),
    2: TensorType("Q4_0", 32, 18),
    3: TensorType("Q4_1", 32, 20),
    6: TensorType("Q5_0", 32, 22),
    7: TensorType("Q5_1", 32, 24),
    8: TensorType("Q8_0", 32, 34),
    10: TensorType("Q2_K", 256, 84),
    11: TensorType("Q3_K", 256, 110),
    12: TensorType("Q4_K", 256, 144),
    13: TensorType("Q5_K", 256, 176),
    14: TensorType("Q6_K", 256, 210),
    16: TensorType("IQ2_XXS", 256, 66),
    17: TensorType("IQ2_XS", 256, 74),
    18: TensorType("IQ3_XXS", 256, 98),
    19: TensorType("IQ1_S", 256, 50),
    20: TensorType("IQ4_NL", 32, 18),
    21: TensorType("IQ3_S", 256, 110),
    22: TensorType("IQ2_S", 256, 82),
    23: TensorType("IQ4_XS", 256, 136),
    29: TensorType("IQ1_M", 256, 56),
    30: TensorType("BF16", 1, 2),
    34: TensorType("TQ1_0", 256, 54),
    35: TensorType("TQ2_0", 256, 66),
    39: TensorType("MXFP4", 32, 17),
    40: TensorType("NVFP4", 64, 36),
    41: TensorType("Q1_0", 128, 18),
}


# Types ggml knows but a model's weights cannot use here (named for messages).
NOT_RUNNABLE_NAMES: dict[int, str] = {
    4: "Q4_2 (removed)",
    5: "Q4_3 (removed)",
    9: "Q8_1",
    15: "Q8_K",
    24: "I8",
    25: "I16",
    26: "I32",
    27: "I64",
    28: "F64",
    31: "Q4_0_4_4 (removed)",
    32: "Q4_0_4_8 (removed)",
    33: "Q4_0_8_8 (removed)",
    36: "IQ4_NL_4_4 (removed)",
    37: "IQ4_NL_4_8 (removed)",
    38: "IQ4_NL_8_8 (removed)",
}


def type_name(ggml_type: int) -> str:
    known = RUNNABLE_TYPES.get(ggml_type)
    if known:
        return known.name
    return NOT_RUNNABLE_NAMES.get(ggml_type, f"unknown type {ggml_type}")


def tensor_nbytes(shape: tuple[int, ...], tensor_type: TensorType) -> int | None:
    """Bytes of a tensor, or None when its rows don't split into whole blocks."""
    if shape[0] % tensor_type.block_size:
        return None
    n_elements = 1
    for dim in shape:
        n_elements *= dim
    return n_elements // tensor_type.block_size * tensor_type.type_size
