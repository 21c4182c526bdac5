"""The offload planner on gpt-oss-20b's and -120b's real tensor inventory."""

from __future__ import annotations

import re

import pytest

from engine.errors import InsufficientMemoryError
from engine.runtime.planner import (
    GIB,
    KvCacheType,
    MemoryBudget,
    Placement,
    Plan,
    kv_cache_bytes,
    plan_offload,
)
from tests.engine.runtime.gpt_oss_inventory import GPT_OSS_20B, GPT_OSS_120B, GptOss

CONTEXTS = (8192, 16384, 32768, 65536, 131072)
DESKTOP_USE = 0.6  # GiB a desktop and driver keep on a card


def card(gib: int, *, host_gib: float = 48) -> MemoryBudget:
    return MemoryBudget(host_free=int(host_gib * GIB), device_free=int((gib - DESKTOP_USE) * GIB))


def plan(model: GptOss, budget: MemoryBudget, n_ctx: int, **options: object) -> Plan:
    return plan_offload(model.tensors(), model.shape, budget, n_ctx=n_ctx, **options)  # type: ignore[arg-type]


def test_inventories_match_published_file_sizes() -> None:
    assert sum(n for _, n in GPT_OSS_20B.tensors()) == pytest.approx(12.1e9, rel=0.01)
    assert sum(n for _, n in GPT_OSS_120B.tensors()) == pytest.approx(63.4e9, rel=0.01)


def test_kv_cache_of_full_attention_layers_is_24_kib_per_token_for_20b() -> None:
    shape = GPT_OSS_20B.shape
    without_swa = kv_cache_bytes(shape, n_ctx=32768, kv_type=KvCacheType.F16, swa_full=False)
    swa_part = 12 * 2048 * 768  # 12 sliding layers keep pad256(128 + 512) cells
    assert without_swa - swa_part == 24 * 1024 * 32768  # 768 MiB at 32k
    with_swa_full = kv_cache_bytes(shape, n_ctx=32768, kv_type=KvCacheType.F16, swa_full=True)
    assert with_swa_full == 2 * 24 * 1024 * 32768
    q8 = kv_cache_bytes(shape, n_ctx=32768, kv_type=KvCacheType.Q8_0, swa_full=True)
    assert q8 == with_swa_full * 34 // 64


@pytest.mark.parametrize("n_ctx", CONTEXTS[:4])
def test_20b_fits_a_16_gb_card_up_to_64k(n_ctx: int) -> None:
    result = plan(GPT_OSS_20B, card(16), n_ctx)
    assert result.placement is Placement.ALL_GPU
    assert result.n_gpu_layers == -1 and result.expert_override_patterns == ()
    assert result.reason.startswith("The model fits entirely on your GPU (")
    assert f"of {(16 - DESKTOP_USE):.1f} GB free" in result.reason


def test_20b_at_128k_on_a_16_gb_card_moves_a_few_layers_of_experts() -> None:
    result = plan(GPT_OSS_20B, card(16), 131072)
    assert result.placement is Placement.EXPERTS_ON_CPU
    assert 1 <= result.n_cpu_moe_layers <= 8
    assert "experts of 6 of 24 layers run from system memory" in result.reason
    assert result.n_gpu_layers == -1


def test_20b_without_swa_full_fits_128k_on_16_gb() -> None:
    result = plan(GPT_OSS_20B, card(16), 131072, swa_full=False)
    assert result.placement is Placement.ALL_GPU


@pytest.mark.parametrize("n_ctx", CONTEXTS)
def test_24_and_80_gb_cards_hold_20b_entirely(n_ctx: int) -> None:
    for gib in (24, 80):
        assert plan(GPT_OSS_20B, card(gib), n_ctx).placement is Placement.ALL_GPU


@pytest.mark.parametrize(
    ("gib", "n_ctx", "layers"), [(8, 8192, 12), (8, 65536, 19), (12, 8192, 2), (12, 131072, 16)]
)
def test_20b_on_small_cards_keeps_the_fewest_expert_layers_in_ram(
    gib: int, n_ctx: int, layers: int
) -> None:
    result = plan(GPT_OSS_20B, card(gib), n_ctx)
    assert result.placement is Placement.EXPERTS_ON_CPU
    assert result.n_cpu_moe_layers == layers
    assert result.device_bytes <= card(gib).device_free  # type: ignore[operator]
    fewer = _device_bytes_with(GPT_OSS_20B, result, layers - 1)
    assert fewer > card(gib).device_free  # type: ignore[operator]


def _device_bytes_with(model: GptOss, result: Plan, n_cpu_moe: int) -> int:
    layer_experts = sum(
        n for name, n in model.tensors() if re.match(rf"blk\.{n_cpu_moe}\.ffn_\w+_exps", name)
    )
    return result.device_bytes + layer_experts


def test_20b_at_128k_on_an_8_gb_card_runs_on_the_cpu() -> None:
    result = plan(GPT_OSS_20B, card(8), 131072)
    assert result.placement is Placement.CPU_ONLY
    assert result.n_gpu_layers == 0 and result.device_bytes == 0
    assert result.reason.startswith("Your GPU's 7.4 GB free is too little to help")


@pytest.mark.parametrize("gib", (8, 12, 16, 24))
def test_expert_layers_grow_with_the_context(gib: int) -> None:
    layers = [plan(GPT_OSS_20B, card(gib), n_ctx) for n_ctx in CONTEXTS]
    moved = [p.n_cpu_moe_layers if p.placement is not Placement.CPU_ONLY else 99 for p in layers]
    assert moved == sorted(moved)


@pytest.mark.parametrize("n_ctx", CONTEXTS)
def test_120b_fits_an_80_gb_card(n_ctx: int) -> None:
    result = plan(GPT_OSS_120B, card(80, host_gib=100), n_ctx)
    assert result.placement is Placement.ALL_GPU
    assert 55 * GIB < result.device_bytes < 79.4 * GIB


@pytest.mark.parametrize(("gib", "layers"), [(24, 24), (16, 29), (12, 31)])
def test_120b_on_consumer_cards_keeps_most_experts_in_ram(gib: int, layers: int) -> None:
    result = plan(GPT_OSS_120B, card(gib, host_gib=100), 8192)
    assert result.placement is Placement.EXPERTS_ON_CPU
    assert result.n_cpu_moe_layers == layers
    assert result.host_bytes > 35 * GIB
    assert len(result.expert_override_patterns) == layers


def test_120b_with_too_little_ram_is_refused_with_numbers() -> None:
    with pytest.raises(InsufficientMemoryError) as raised:
        plan(GPT_OSS_120B, card(16, host_gib=32), 32768)
    message = raised.value.user_message
    assert "32.0 GB of system memory is free" in message
    assert "context of 32,768 tokens" in message
    assert "GPU's 15.4 GB cannot take enough of it" in message


def test_no_gpu_runs_20b_on_the_cpu_when_ram_allows() -> None:
    result = plan(GPT_OSS_20B, MemoryBudget(host_free=24 * GIB), 16384)
    assert result.placement is Placement.CPU_ONLY
    assert result.reason.startswith("No supported GPU was found")
    weights = sum(n for _, n in GPT_OSS_20B.tensors())
    assert weights < result.host_bytes < weights + 3 * GIB


def test_no_gpu_and_8_gb_ram_is_refused() -> None:
    with pytest.raises(
        InsufficientMemoryError,
        match=r"needs about 12\.5 GB of memory for a context of 8,192 tokens",
    ):
        plan(GPT_OSS_20B, MemoryBudget(host_free=8 * GIB), 8192)


def test_override_patterns_cover_expert_weights_and_biases_of_the_first_layers() -> None:
    result = plan(GPT_OSS_20B, card(12), 8192)
    patterns = [re.compile(p) for p in result.expert_override_patterns]
    moved = {name for name, _ in GPT_OSS_20B.tensors() if any(p.search(name) for p in patterns)}
    assert moved == {
        f"blk.{layer}.ffn_{kind}_exps.{part}"
        for layer in range(2)
        for kind in ("gate", "up", "down")
        for part in ("weight", "bias")
    }
