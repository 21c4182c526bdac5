"""Well-formed files that are still the wrong thing to load.

Mutated bytes test the parser; these test the judgement: a tidy llama model,
a gpt-oss file missing a key or tensor llama.cpp needs, an expert tensor
re-declared as a type with another size, and files that are not GGUF at all.
Each is built with gguf's own writer from the tiny model's vocabulary so the
only thing wrong with it is the thing under test.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

import gguf
import numpy as np

from tests.security.fuzz_cases import FuzzCase

_TOKENIZER_PREFIX = "tokenizer."
_DROPPED_KEYS = (
    "gpt-oss.block_count",
    "gpt-oss.context_length",
    "gpt-oss.expert_count",
    "gpt-oss.attention.head_count",
    "gpt-oss.attention.sliding_window",
    "tokenizer.ggml.tokens",
    "tokenizer.ggml.model",
)
_DROPPED_TENSORS = ("blk.0.attn_sinks", "output_norm.weight", "blk.1.ffn_gate_exps.weight")


def _copy_fields(reader: gguf.GGUFReader, writer: gguf.GGUFWriter, *, keep: Iterable[str]) -> None:
    wanted = set(keep)
    for item in reader.fields.values():
        if item.name not in wanted:
            continue
        value_type = item.types[0]
        sub_type = item.types[-1] if value_type == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(item.name, item.contents(), value_type, sub_type=sub_type)


def _finish(writer: gguf.GGUFWriter) -> None:
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def _rewrite(
    base: Path,
    target: Path,
    *,
    arch: str = "gpt-oss",
    drop_keys: Iterable[str] = (),
    drop_tensors: Iterable[str] = (),
    dequantize: bool = False,
) -> Path:
    """Copy `base` with one thing changed, through gguf's writer."""
    reader = gguf.GGUFReader(base)
    dropped_keys, dropped_tensors = set(drop_keys), set(drop_tensors)
    writer = gguf.GGUFWriter(target, arch)
    keep = [
        name
        for name in reader.fields
        if not name.startswith("GGUF.")
        and name != "general.architecture"
        and name not in dropped_keys
    ]
    _copy_fields(reader, writer, keep=keep)
    for tensor in reader.tensors:
        if tensor.name in dropped_tensors:
            continue
        if dequantize and tensor.tensor_type == gguf.GGMLQuantizationType.MXFP4:
            values = gguf.quants.dequantize(np.asarray(tensor.data), tensor.tensor_type)
            writer.add_tensor(tensor.name, values.astype(np.float32))
        else:
            writer.add_tensor(tensor.name, np.asarray(tensor.data), raw_dtype=tensor.tensor_type)
    _finish(writer)
    return target


def _llama_model(base: Path, target: Path) -> Path:
    """A small but complete llama-architecture model sharing the tiny vocabulary."""
    reader = gguf.GGUFReader(base)
    vocab = len(reader.fields["tokenizer.ggml.tokens"].data)
    embd, ff, rng = 32, 64, np.random.default_rng(7)
    writer = gguf.GGUFWriter(target, "llama")
    writer.add_context_length(128)
    writer.add_embedding_length(embd)
    writer.add_block_count(1)
    writer.add_feed_forward_length(ff)
    writer.add_head_count(2)
    writer.add_head_count_kv(2)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(embd // 2)
    _copy_fields(reader, writer, keep=[n for n in reader.fields if n.startswith(_TOKENIZER_PREFIX)])
    shapes = {
        "token_embd.weight": (vocab, embd),
        "output_norm.weight": (embd,),
        "output.weight": (vocab, embd),
        "blk.0.attn_norm.weight": (embd,),
        "blk.0.attn_q.weight": (embd, embd),
        "blk.0.attn_k.weight": (embd, embd),
        "blk.0.attn_v.weight": (embd, embd),
        "blk.0.attn_output.weight": (embd, embd),
        "blk.0.ffn_norm.weight": (embd,),
        "blk.0.ffn_gate.weight": (ff, embd),
        "blk.0.ffn_up.weight": (ff, embd),
        "blk.0.ffn_down.weight": (embd, ff),
    }
    for name, shape in shapes.items():
        writer.add_tensor(name, rng.standard_normal(shape).astype(np.float32) * 0.02)
    _finish(writer)
    return target


def _type_patched(base: Path, target: Path, *, tensor_name: str, new_type: int) -> Path:
    """Re-declare one tensor's type in place: its data no longer matches its size."""
    reader = gguf.GGUFReader(base)
    tensor = next(t for t in reader.tensors if t.name == tensor_name)
    type_offset = tensor.field.offset + sum(int(p.nbytes) for p in tensor.field.parts[:-2])
    data = bytearray(base.read_bytes())
    data[type_offset : type_offset + 4] = struct.pack("<I", new_type)
    target.write_bytes(bytes(data))
    return target


def _gguf_header(*, version: int, tensors: int = 0, kvs: int = 0) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, tensors, kvs)


_PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def _raw_files(out_dir: Path) -> dict[str, bytes]:
    return {
        "empty": b"",
        "text": b"This is a text file, not a language model.\n" * 20,
        "png": _PNG_HEADER + bytes(64),
        "random": np.random.default_rng(11).bytes(4096),
        "magic_only": b"GGUF",
        "gguf_v3_empty": _gguf_header(version=3),
        "gguf_v1": _gguf_header(version=1),
        "gguf_v99": _gguf_header(version=99),
        "gguf_big_endian": b"GGUF" + struct.pack(">IQQ", 3, 0, 0),
    }


def crafted_cases(base: Path, out_dir: Path) -> list[FuzzCase]:
    """Build every crafted file under `out_dir` and describe each as a case."""
    out_dir.mkdir(parents=True, exist_ok=True)
    built: dict[str, tuple[str, Path]] = {}
    for name, payload in _raw_files(out_dir).items():
        path = out_dir / f"{name}.bin"
        path.write_bytes(payload)
        built[name] = ("not_gguf", path)
    built["llama_model"] = ("wrong_arch", _llama_model(base, out_dir / "llama.gguf"))
    built["arch_renamed_llama"] = ("wrong_arch", _rewrite(base, out_dir / "ren.gguf", arch="llama"))
    built["arch_renamed_qwen2"] = ("wrong_arch", _rewrite(base, out_dir / "qw.gguf", arch="qwen2"))
    for key in _DROPPED_KEYS:
        path = _rewrite(base, out_dir / f"nokey-{key}.gguf", drop_keys=[key])
        built[f"missing_key:{key}"] = ("missing_key", path)
    for tensor in _DROPPED_TENSORS:
        path = _rewrite(base, out_dir / f"notensor-{tensor}.gguf", drop_tensors=[tensor])
        built[f"missing_tensor:{tensor}"] = ("missing_tensor", path)
    built["experts_as_f32"] = ("other_types", _rewrite(base, out_dir / "f32.gguf", dequantize=True))
    expert = "blk.0.ffn_up_exps.weight"
    for label, type_id in (("f32", 0), ("removed_q4_2", 4), ("unknown_99", 99)):
        target = out_dir / f"type-{label}.gguf"
        path = _type_patched(base, target, tensor_name=expert, new_type=type_id)
        built[f"expert_declared_{label}"] = ("wrong_type", path)
    return [FuzzCase(name=name, kind=kind, source=str(p)) for name, (kind, p) in built.items()]
