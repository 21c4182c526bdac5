"""A machine too small for the model is told so in words, before anything is
allocated: the planner refuses with InsufficientMemoryError and a message a
clinician can act on, and does not refuse a machine that is big enough."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EnclaveError, InsufficientMemoryError
from engine.runtime.model_facts import read_model_facts
from engine.runtime.planner import GIB, MemoryBudget, Placement, plan_offload
from tests.engine.runtime.gpt_oss_inventory import GPT_OSS_20B, GPT_OSS_120B


@pytest.mark.parametrize(
    ("model", "host_gb", "device_gb"),
    [(GPT_OSS_20B, 8, None), (GPT_OSS_20B, 6, 4), (GPT_OSS_120B, 32, 16)],
    ids=["20b-8GB-ram-no-gpu", "20b-6GB-ram-4GB-gpu", "120b-32GB-ram-16GB-gpu"],
)
def test_plan_too_large_for_reported_memory_is_refused_with_a_message(
    model: object, host_gb: int, device_gb: int | None
) -> None:
    budget = MemoryBudget(
        host_free=host_gb * GIB, device_free=None if device_gb is None else device_gb * GIB
    )
    with pytest.raises(InsufficientMemoryError) as caught:
        plan_offload(model.tensors(), model.shape, budget, n_ctx=32768)  # type: ignore[attr-defined]
    message = caught.value.user_message
    print(f"\nlow memory ({host_gb} GB RAM, GPU {device_gb}): refused: {message}")
    assert isinstance(caught.value, EnclaveError)
    assert f"{host_gb:.1f} GB of system memory is free" in message
    assert "Close other programs or choose a shorter context" in message
    assert "Traceback" not in message


def test_a_machine_big_enough_is_not_refused() -> None:
    budget = MemoryBudget(host_free=24 * GIB, device_free=None)
    plan = plan_offload(GPT_OSS_20B.tensors(), GPT_OSS_20B.shape, budget, n_ctx=32768)
    assert plan.placement is Placement.CPU_ONLY
    assert plan.host_bytes <= budget.host_free


def test_real_model_file_on_a_machine_reporting_too_little_memory_is_refused(
    tiny_model_path: Path,
) -> None:
    """The same refusal from the tiny GGUF's own tensor inventory, before loading."""
    facts = read_model_facts(tiny_model_path)
    budget = MemoryBudget(host_free=64 * 1024 * 1024, device_free=None)
    with pytest.raises(InsufficientMemoryError) as caught:
        plan_offload(facts.tensors, facts.shape, budget, n_ctx=4096)
    print(f"\nlow memory (tiny model, 64 MiB free): refused: {caught.value.user_message}")
    assert "0.1 GB of system memory is free" in caught.value.user_message
