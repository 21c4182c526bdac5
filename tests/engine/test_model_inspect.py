"""Model files are inspected, and bad ones refused with their own error, from the header.

Truncated copies, random bytes, other architectures, missing parts and weight
types this build cannot run must each produce a distinct, clear error — and
never crash or hang the process — before llama.cpp ever opens the file.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import gguf
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import EnclaveError, ModelFileError, UnsupportedModelError
from engine.modelfile import (
    CorruptModelError,
    MissingMetadataError,
    MissingTensorError,
    NotGGUFError,
    TruncatedModelError,
    UnsupportedTensorTypeError,
    WrongArchitectureError,
    inspect_model,
)
from engine.modelfile.gguf_header import read_header
from tests.fixtures.tiny_model import SHAPE, _add_hyperparameters, _add_tokenizer
from tests.fixtures.tiny_vocab import build_tiny_vocab


def _write_gguf(path: Path, *, arch: str, full_metadata: bool, tensors: dict[str, tuple]) -> Path:
    writer = gguf.GGUFWriter(path, arch)
    if full_metadata:
        _add_hyperparameters(writer, SHAPE)
        _add_tokenizer(writer, build_tiny_vocab())
    for name, (array, raw_dtype) in tensors.items():
        writer.add_tensor(name, array, raw_dtype=raw_dtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _copy_prefix(source: Path, target: Path, n_bytes: int) -> Path:
    target.write_bytes(source.read_bytes()[:n_bytes])
    return target


def test_report_describes_the_tiny_model(tiny_model_path: Path) -> None:
    report = inspect_model(tiny_model_path)
    assert report.architecture == "gpt-oss"
    assert (report.block_count, report.expert_count, report.expert_used_count) == (4, 4, 2)
    assert report.context_length == 32768
    assert report.sliding_window == 128
    assert report.vocab_size == len(build_tiny_vocab().tokens)
    assert "<|start|>" in report.chat_template
    assert report.file_size == tiny_model_path.stat().st_size
    assert set(report.bytes_by_type) == {"F32", "MXFP4"}
    experts = [t for t in report.tensors if "_exps.weight" in t.name]
    assert len(experts) == 12 and all(t.type_name == "MXFP4" for t in experts)


def test_tensor_sizes_match_gguf_reader(tiny_model_path: Path) -> None:
    report = inspect_model(tiny_model_path)
    reference = gguf.GGUFReader(tiny_model_path)
    expected = {t.name: (int(t.tensor_type), int(t.n_bytes)) for t in reference.tensors}
    assert {t.name: (t.ggml_type, t.n_bytes) for t in report.tensors} == expected
    assert read_header(tiny_model_path).data_offset == reference.data_offset
    assert report.tensor_bytes <= report.file_size


@pytest.mark.parametrize("content", [b"", b"GG", b"not a model at all" * 100, os.urandom(4096)])
def test_non_gguf_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "file.gguf"
    path.write_bytes(content)
    with pytest.raises(NotGGUFError) as caught:
        inspect_model(path)
    assert "not a GGUF" in caught.value.user_message


def test_missing_file_is_a_model_file_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="not found"):
        inspect_model(tmp_path / "absent.gguf")


@pytest.mark.parametrize("fraction", [0.0001, 0.005, 0.02, 0.04, 0.2, 0.5, 0.999])
def test_truncated_copies_are_refused(
    tmp_path: Path, tiny_model_path: Path, fraction: float
) -> None:
    size = tiny_model_path.stat().st_size
    cut = _copy_prefix(tiny_model_path, tmp_path / "cut.gguf", max(8, int(size * fraction)))
    with pytest.raises(TruncatedModelError) as caught:
        inspect_model(cut)
    assert "incomplete" in caught.value.user_message


def test_one_byte_short_is_truncated(tmp_path: Path, tiny_model_path: Path) -> None:
    size = tiny_model_path.stat().st_size
    with pytest.raises(TruncatedModelError):
        inspect_model(_copy_prefix(tiny_model_path, tmp_path / "cut.gguf", size - 1))


def test_other_architecture_is_refused(tmp_path: Path) -> None:
    tensors = {"token_embd.weight": (np.zeros((8, 32), dtype=np.float32), None)}
    path = _write_gguf(tmp_path / "llama.gguf", arch="llama", full_metadata=False, tensors=tensors)
    with pytest.raises(WrongArchitectureError) as caught:
        inspect_model(path)
    assert isinstance(caught.value, UnsupportedModelError)
    assert "llama" in caught.value.user_message and "gpt-oss" in caught.value.user_message


def test_missing_metadata_is_refused(tmp_path: Path) -> None:
    path = _write_gguf(tmp_path / "bare.gguf", arch="gpt-oss", full_metadata=False, tensors={})
    with pytest.raises(MissingMetadataError) as caught:
        inspect_model(path)
    assert "context_length" in caught.value.detail


def test_missing_tensors_are_refused(tmp_path: Path) -> None:
    tensors = {"token_embd.weight": (np.zeros((8, 64), dtype=np.float32), None)}
    path = _write_gguf(tmp_path / "part.gguf", arch="gpt-oss", full_metadata=True, tensors=tensors)
    with pytest.raises(MissingTensorError) as caught:
        inspect_model(path)
    assert "output_norm.weight" in caught.value.detail


def test_activation_only_tensor_type_is_refused(tmp_path: Path) -> None:
    q8_1 = gguf.GGMLQuantizationType.Q8_1
    blocks = np.zeros((8, 40), dtype=np.uint8)  # gguf-py's Q8_1 block size
    tensors = {"token_embd.weight": (blocks, q8_1)}
    path = _write_gguf(tmp_path / "q81.gguf", arch="gpt-oss", full_metadata=True, tensors=tensors)
    with pytest.raises(UnsupportedTensorTypeError) as caught:
        inspect_model(path)
    assert "Q8_1" in caught.value.detail


def test_removed_tensor_type_is_refused(tmp_path: Path, tiny_model_path: Path) -> None:
    data = bytearray(tiny_model_path.read_bytes())
    name = b"blk.1.ffn_up_exps.weight"
    type_at = data.index(name) + len(name) + 4 + 3 * 8
    assert struct.unpack_from("<I", data, type_at)[0] == 39  # MXFP4
    struct.pack_into("<I", data, type_at, 31)  # Q4_0_4_4, removed from ggml
    path = tmp_path / "removed.gguf"
    path.write_bytes(bytes(data))
    with pytest.raises(UnsupportedTensorTypeError):
        inspect_model(path)


def test_bad_version_and_absurd_counts_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "weird.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<I", 99) + bytes(64))
    with pytest.raises(CorruptModelError):
        inspect_model(path)
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 2**62, 2**62) + bytes(64))
    with pytest.raises(TruncatedModelError):
        inspect_model(path)


def test_giant_string_length_is_refused_without_allocating(tmp_path: Path) -> None:
    path = tmp_path / "giant.gguf"
    kv = struct.pack("<Q", 2**60) + b"general.architecture"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + kv)
    with pytest.raises(TruncatedModelError):
        inspect_model(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_corrupted_headers_never_crash(
    tmp_path: Path, tiny_model_path: Path, data: st.DataObject
) -> None:
    original = tiny_model_path.read_bytes()
    header_end = read_header(tiny_model_path).data_offset
    corrupted = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(4, header_end - 1))
        corrupted[at] = data.draw(st.integers(0, 255))
    path = tmp_path / "corrupt.gguf"
    path.write_bytes(bytes(corrupted))
    try:
        report = inspect_model(path)
    except EnclaveError as error:
        assert isinstance(error, ModelFileError)
        assert error.user_message
    else:
        assert report.architecture == "gpt-oss"
