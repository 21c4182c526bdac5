"""Regression tests for model files that made llama.cpp abort the process.

Found by the model-file fuzz (tests/security) and by reading what the
vendored llama.cpp asserts on.  For each: llama.cpp alone, in a child
process, aborts (SIGABRT) or refuses; the app's one validator rejects the
file with a clear `ModelFileError` first, and `enclave model inspect`, the
planner and the loader all give that same verdict.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np
import pytest

from engine.errors import EnclaveError, UnsupportedModelError
from engine.modelfile import (
    CorruptModelError,
    MissingMetadataError,
    inspect_model,
    open_model_file,
)
from engine.runtime.loader import load_model, plan_for_file
from engine.runtime.model_facts import read_model_facts
from engine.runtime.planner import KvCacheType, Placement, Plan
from tests.engine.modelfile.model_edits import edit_model, raw_llama_load, token_texts

V = gguf.GGUFValueType
SIGABRT = -signal.SIGABRT
Edit = Callable[[Path, Path], Path]


def _duplicate_token(base: Path, target: Path) -> Path:
    texts = token_texts(base)
    texts[254] = texts[253]  # fuzz case mut-20240601-0211: one flipped byte in a token text
    return edit_model(base, target, fields={"tokenizer.ggml.tokens": (texts, V.ARRAY, V.STRING)})


def _more_experts_used_than_exist(base: Path, target: Path) -> Path:
    return edit_model(base, target, fields={"gpt-oss.expert_used_count": (8, V.UINT32, None)})


def _field(key: str, value: object, kind: V, sub: V | None = None) -> Edit:
    return lambda base, target: edit_model(base, target, fields={key: (value, kind, sub)})


def _tensor(name: str, array: np.ndarray) -> Edit:
    return lambda base, target: edit_model(base, target, tensors={name: array})


def _redeclared_type(base: Path, target: Path) -> Path:
    """A tensor's type changed in place (crafted case expert_declared_f32): its
    data now overlaps the next tensor's."""
    reader = gguf.GGUFReader(base)
    tensor = next(t for t in reader.tensors if t.name == "blk.0.ffn_up_exps.weight")
    type_offset = tensor.field.offset + sum(int(p.nbytes) for p in tensor.field.parts[:-2])
    data = bytearray(base.read_bytes())
    data[type_offset : type_offset + 4] = (0).to_bytes(4, "little")
    target.write_bytes(bytes(data))
    return target


ABORTING: dict[str, Edit] = {
    "duplicate_token_text": _duplicate_token,
    "expert_used_count_above_expert_count": _more_experts_used_than_exist,
}
REFUSED_LATE: dict[str, Edit] = {
    "tensor_type_redeclared_in_place": _redeclared_type,
    "token_types_shorter_than_tokens": _field(
        "tokenizer.ggml.token_type", [1] * 100, V.ARRAY, V.INT32
    ),
    "token_types_as_strings": _field("tokenizer.ggml.token_type", ["1"] * 869, V.ARRAY, V.STRING),
    "merges_as_integers": _field("tokenizer.ggml.merges", list(range(600)), V.ARRAY, V.INT32),
    "head_count_kv_not_dividing_heads": _field("gpt-oss.attention.head_count_kv", 3, V.UINT32),
}
STRICTER: dict[str, Edit] = {
    "bos_id_outside_vocabulary": _field("tokenizer.ggml.bos_token_id", 5000, V.UINT32),
    "attention_sinks_in_f16": _tensor("blk.0.attn_sinks.weight", np.zeros(4, np.float16)),
    "norm_in_f16": _tensor("blk.0.attn_norm.weight", np.ones(64, np.float16)),
    "q_projection_wrong_width": _tensor("blk.1.attn_q.weight", np.zeros((48, 64), np.float32)),
}
ALL_EDITS = {**ABORTING, **REFUSED_LATE, **STRICTER}


def _plan() -> Plan:
    return Plan(Placement.CPU_ONLY, 512, KvCacheType.F16, True, 0, 0, 0, "test plan")


def _verdict(action: Callable[[], object]) -> str:
    try:
        action()
    except EnclaveError as error:
        return type(error).__name__
    return "accepted"


@pytest.mark.parametrize("name", sorted(ABORTING))
def test_llama_cpp_alone_aborts_on_the_finding(
    name: str, tiny_model_path: Path, tmp_path: Path
) -> None:
    path = ABORTING[name](tiny_model_path, tmp_path / f"{name}.gguf")
    status, _ = raw_llama_load(path)
    assert status == SIGABRT


@pytest.mark.parametrize("name", sorted(ALL_EDITS))
def test_validator_rejects_before_llama_cpp_sees_the_file(
    name: str, tiny_model_path: Path, tmp_path: Path
) -> None:
    path = ALL_EDITS[name](tiny_model_path, tmp_path / f"{name}.gguf")
    with pytest.raises((CorruptModelError, UnsupportedModelError)) as raised:
        open_model_file(path)
    assert raised.value.user_message and "Traceback" not in raised.value.user_message
    with pytest.raises(type(raised.value)):
        load_model(path, plan=_plan())


@pytest.mark.parametrize("name", sorted(ALL_EDITS))
def test_inspect_planner_and_loader_agree(name: str, tiny_model_path: Path, tmp_path: Path) -> None:
    path = ALL_EDITS[name](tiny_model_path, tmp_path / f"{name}.gguf")
    verdicts = {
        "inspect": _verdict(lambda: inspect_model(path)),
        "facts": _verdict(lambda: read_model_facts(path)),
        "plan": _verdict(lambda: plan_for_file(path, n_ctx=512)),
        "load": _verdict(lambda: load_model(path, plan=_plan())),
    }
    assert len(set(verdicts.values())) == 1, verdicts
    assert verdicts["inspect"] != "accepted"


def test_refused_late_files_used_to_reach_llama_cpp(tiny_model_path: Path, tmp_path: Path) -> None:
    """Without the validator these reach llama.cpp, which at best returns NULL."""
    for name, edit in REFUSED_LATE.items():
        status, out = raw_llama_load(edit(tiny_model_path, tmp_path / f"{name}.gguf"))
        assert status == 0 and out.endswith("NULL"), name


def test_the_intact_tiny_model_is_accepted_everywhere(tiny_model_path: Path) -> None:
    model_file = open_model_file(tiny_model_path)
    facts = read_model_facts(tiny_model_path)
    assert facts.context_length == model_file.report.context_length
    assert facts.shape.n_vocab == model_file.vocabulary.size == model_file.report.vocab_size
    assert facts.shape.key_length == model_file.report.key_length
    assert sum(n for _, n in facts.tensors) == model_file.report.tensor_bytes


def test_missing_norm_epsilon_is_missing_metadata(tiny_model_path: Path, tmp_path: Path) -> None:
    """Fuzz case mut-3-0931: a flipped byte renamed the key llama.cpp requires."""
    reader = gguf.GGUFReader(tiny_model_path)
    field = reader.fields["gpt-oss.attention.layer_norm_rms_epsilon"]
    key_at = field.offset + int(field.parts[0].nbytes) + 3  # 'gpt' → 'gpX'
    data = bytearray(tiny_model_path.read_bytes())
    data[key_at] = ord("X")
    path = tmp_path / "renamed-eps.gguf"
    path.write_bytes(bytes(data))
    assert raw_llama_load(path) == (0, "NULL")
    with pytest.raises(MissingMetadataError):
        load_model(path, plan=_plan())


def test_token_type_outside_llama_types_is_corrupt(tiny_model_path: Path, tmp_path: Path) -> None:
    types = [1] * 869
    types[352] = 1711276033  # fuzz case mut-3-0931
    path = edit_model(
        tiny_model_path,
        tmp_path / "types.gguf",
        fields={"tokenizer.ggml.token_type": (types, V.ARRAY, V.INT32)},
    )
    with pytest.raises(CorruptModelError, match="damaged"):
        inspect_model(path)
