"""Damaged model files, described as small recipes rather than stored copies.

A clinician's model file can be cut short by a full USB stick, flipped by bad
RAM or be some other model altogether.  Each case here is a *recipe* — a
source file plus byte patches and an optional truncation point — generated
from a seeded RNG, so 1,000 cases cost no disk space and any failure can be
replayed from its name alone.  Mutations aim at every region of the GGUF
layout (header, metadata, tensor infos, tensor data) and at the length and
count fields a careless parser would trust.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass, field
from pathlib import Path

import gguf
import numpy as np

Mutation = tuple[int | None, tuple[tuple[int, str], ...]]


@dataclass(frozen=True)
class FuzzCase:
    """Bytes of `source`, cut at `truncate_at` (if set), then patched."""

    name: str
    kind: str
    source: str
    truncate_at: int | None = None
    patches: tuple[tuple[int, str], ...] = field(default_factory=tuple)

    def materialize(self, target: Path) -> Path:
        data = bytearray(Path(self.source).read_bytes())
        if self.truncate_at is not None:
            del data[self.truncate_at :]
        for offset, hex_bytes in self.patches:
            chunk = bytes.fromhex(hex_bytes)
            data[offset : offset + len(chunk)] = chunk
        target.write_bytes(bytes(data))
        return target


@dataclass(frozen=True)
class _Layout:
    """Where each region of a GGUF file starts, plus the offsets of the length
    and count fields inside metadata and tensor infos."""

    size: int
    metadata_start: int
    tensor_info_start: int
    data_start: int
    length_fields: tuple[int, ...]
    tensor_fields: tuple[tuple[int, int, int], ...]  # (n_dims offset, type offset, offset offset)

    def region(self, name: str) -> tuple[int, int]:
        return {
            "header": (0, self.metadata_start),
            "metadata": (self.metadata_start, self.tensor_info_start),
            "tensor_info": (self.tensor_info_start, self.data_start),
            "data": (self.data_start, self.size),
        }[name]


def _part_offsets(start: int, parts: list[np.ndarray]) -> list[int]:
    offsets, position = [], start
    for part in parts:
        offsets.append(position)
        position += int(part.nbytes)
    return offsets


def _layout(path: Path) -> _Layout:
    reader = gguf.GGUFReader(path)
    length_fields: list[int] = []
    for item in reader.fields.values():
        if item.name.startswith("GGUF."):
            continue
        offsets = _part_offsets(item.offset, item.parts)
        length_fields.append(offsets[0])  # key length
        value_type = item.types[0]
        if value_type == gguf.GGUFValueType.STRING:
            length_fields.append(offsets[3])
        elif value_type == gguf.GGUFValueType.ARRAY:
            length_fields.append(offsets[4])
    tensor_fields = []
    for tensor in reader.tensors:
        offsets = _part_offsets(tensor.field.offset, tensor.field.parts)
        length_fields.append(offsets[0])  # name length
        tensor_fields.append((offsets[2], offsets[-2], offsets[-1]))
    first_tensor = reader.tensors[0].field.offset
    return _Layout(
        size=path.stat().st_size,
        metadata_start=24,
        tensor_info_start=first_tensor,
        data_start=reader.data_offset,
        length_fields=tuple(length_fields),
        tensor_fields=tuple(tensor_fields),
    )


_HUGE_U64 = (2**64 - 1, 2**63, 2**63 - 1, 2**32, 2**32 - 1, 2**40, 10**12)
_HUGE_U32 = (2**32 - 1, 2**31, 2**31 - 1, 10**9, 4096)


def _u64(value: int) -> str:
    return struct.pack("<Q", value).hex()


def _u32(value: int) -> str:
    return struct.pack("<I", value).hex()


def _truncation(rng: random.Random, layout: _Layout) -> Mutation:
    """Half anywhere, half inside the header, metadata or tensor infos."""
    limit = layout.size if rng.random() < 0.5 else layout.data_start
    return rng.randrange(0, limit), ()


def _flips(rng: random.Random, layout: _Layout, region: str) -> Mutation:
    start, end = layout.region(region)
    patches = []
    for _ in range(rng.randint(1, 8)):
        offset = rng.randrange(start, end)
        patches.append((offset, bytes([rng.randrange(1, 256)]).hex()))
    return None, tuple(patches)


def _huge_count(rng: random.Random, layout: _Layout) -> Mutation:
    offset = rng.choice((8, 16))  # tensor_count, kv_count
    return None, ((offset, _u64(rng.choice(_HUGE_U64))),)


def _huge_length(rng: random.Random, layout: _Layout) -> Mutation:
    offset = rng.choice(layout.length_fields)
    return None, ((offset, _u64(rng.choice(_HUGE_U64))),)


def _bad_tensor_info(rng: random.Random, layout: _Layout) -> Mutation:
    n_dims_at, type_at, offset_at = rng.choice(layout.tensor_fields)
    target = rng.choice(("n_dims", "first_dim", "type", "offset"))
    if target == "n_dims":
        return None, ((n_dims_at, _u32(rng.choice((0, 5, 64, *_HUGE_U32)))),)
    if target == "first_dim":
        return None, ((n_dims_at + 4, _u64(rng.choice(_HUGE_U64))),)
    if target == "type":
        return None, ((type_at, _u32(rng.choice((4, 5, 31, 99, 2**31, *range(0, 40, 3))))),)
    return None, ((offset_at, _u64(rng.choice((*_HUGE_U64, layout.size, 1, 7)))),)


_MUTATORS = {
    "truncate": _truncation,
    "flip_header": lambda rng, layout: _flips(rng, layout, "header"),
    "flip_metadata": lambda rng, layout: _flips(rng, layout, "metadata"),
    "flip_tensor_info": lambda rng, layout: _flips(rng, layout, "tensor_info"),
    "flip_data": lambda rng, layout: _flips(rng, layout, "data"),
    "huge_count": _huge_count,
    "huge_length": _huge_length,
    "bad_tensor_info": _bad_tensor_info,
}


def mutated_cases(base: Path, *, count: int, seed: int) -> list[FuzzCase]:
    """`count` recipes, cycling through every mutation kind, repeatable from `seed`."""
    layout = _layout(base)
    rng = random.Random(seed)
    kinds = sorted(_MUTATORS)
    cases = []
    for index in range(count):
        kind = kinds[index % len(kinds)]
        truncate_at, patches = _MUTATORS[kind](rng, layout)
        cases.append(
            FuzzCase(
                name=f"mut-{seed}-{index:04d}-{kind}",
                kind=kind,
                source=str(base),
                truncate_at=truncate_at,
                patches=patches,
            )
        )
    return cases
