"""Loading: progress, cancel, plans with experts in RAM, and clear failures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.errors import ModelFileError, OperationCancelled, UnsupportedModelError
from engine.modelfile import TruncatedModelError
from engine.runtime.events import Done, FinalDelta
from engine.runtime.loader import load_model, plan_for_file
from engine.runtime.memory import accelerator_backend, current_budget
from engine.runtime.planner import Placement
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session
from tests.engine.runtime.conftest import cpu_plan


def test_progress_is_reported_and_reaches_one(tiny_model_path: Path) -> None:
    seen: list[float] = []
    with load_model(tiny_model_path, plan=cpu_plan(), on_progress=seen.append):
        pass
    assert len(seen) > 2
    assert seen == sorted(seen)
    assert seen[-1] == 1.0 and all(0.0 <= value <= 1.0 for value in seen)


def test_cancelling_the_load_raises_operation_cancelled(tiny_model_path: Path) -> None:
    cancel = threading.Event()
    calls: list[float] = []

    def stop_after_first(fraction: float) -> None:
        calls.append(fraction)
        cancel.set()

    with pytest.raises(OperationCancelled):
        load_model(tiny_model_path, plan=cpu_plan(), on_progress=stop_after_first, cancel=cancel)
    assert len(calls) == 1  # llama.cpp stopped at the first "no"


def test_experts_on_cpu_plan_overrides_and_generates(
    tiny_model_path: Path, llama_log: list[str]
) -> None:
    plan = cpu_plan(n_cpu_moe=2)
    assert plan.expert_override_patterns == (
        r"blk\.0\.ffn_(up|down|gate)_exps",
        r"blk\.1\.ffn_(up|down|gate)_exps",
    )
    with load_model(tiny_model_path, plan=plan) as model:
        overridden = {line.split()[1] for line in llama_log if "buffer type overridden" in line}
        assert overridden == {
            f"blk.{layer}.ffn_{kind}_exps.{part}"
            for layer in (0, 1)
            for kind in ("gate", "up", "down")
            for part in ("weight", "bias")
        }
        codec = model.codec
        prompt = [codec.special_id("<|start|>"), *codec.encode_text("assistant")]
        prompt += [codec.special_id("<|channel|>"), *codec.encode_text("final")]
        prompt += [codec.special_id("<|message|>")]
        events = list(
            Session(model, output_reserve=64).generate(
                prompt, sampling=SamplingOptions(seed=3, max_tokens=40)
            )
        )
    done = events[-1]
    assert isinstance(done, Done) and done.stats.generated_tokens > 0
    assert any(isinstance(event, FinalDelta) for event in events)


def test_the_machine_plan_for_the_tiny_model_is_cpu_only_here(tiny_model_path: Path) -> None:
    assert accelerator_backend() == "CPU"
    assert current_budget().device_free is None
    plan = plan_for_file(tiny_model_path, n_ctx=2048)
    assert plan.placement is Placement.CPU_ONLY
    assert plan.reason.startswith("No supported GPU was found")


def test_not_a_gguf_file_is_refused_before_llama_cpp(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_bytes(b"PK\x03\x04 this is a zip, not a model" * 10)
    with pytest.raises(ModelFileError, match="not a GGUF model file"):
        load_model(bogus, plan=cpu_plan())


def test_truncated_model_is_refused_with_a_clear_error(
    tiny_model_path: Path, tmp_path: Path
) -> None:
    truncated = tmp_path / "cut.gguf"
    truncated.write_bytes(tiny_model_path.read_bytes()[:5000])
    with pytest.raises(TruncatedModelError) as raised:
        load_model(truncated, plan=cpu_plan())
    assert "incomplete" in raised.value.user_message


def test_wrong_architecture_is_refused(tmp_path: Path) -> None:
    import gguf

    other = tmp_path / "llama.gguf"
    writer = gguf.GGUFWriter(other, "llama")
    writer.add_block_count(1)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(UnsupportedModelError, match="gpt-oss models only"):
        load_model(other, plan=cpu_plan())
