"""Where the weights go: a pure function from sizes and free memory to a Plan.

A clinician's machine is one of: a GPU big enough for everything (fastest);
a GPU too small, where the mixture-of-experts weights of the first N layers
stay in system RAM (what llama.cpp's `--n-cpu-moe N` does: attention and the
router stay on the GPU, only the big, sparsely used expert matrices move); or
no usable GPU at all.  Deciding this is plain arithmetic over the GGUF's
tensor sizes, so it is kept free of llama.cpp and tested with numbers.

Estimates (documented so they can be checked against llama.cpp's own log):
- `token_embd` always stays in system RAM (llama.cpp keeps the input layer on
  the CPU); every other tensor goes to the GPU unless it is an expert tensor
  of a layer whose experts were moved.
- KV cache: full-attention layers hold `n_ctx` cells; sliding-window layers
  hold `n_ctx` cells with `swa_full` (needed for prompt-prefix reuse) or
  `pad256(window + n_ubatch)` without it.  f16 = 2 bytes per value,
  q8_0 = 34 bytes per 32 values.
- Compute buffer: the logits of one micro-batch (`n_vocab * n_ubatch * 4`)
  plus a fixed reserve for the GPU runtime (CUDA context, cuBLAS workspace,
  allocator slack) or for the CPU scheduler, assuming flash attention (whose
  buffers do not grow with the context).
- Sizes are shown to clinicians in GB meaning 2**30 bytes, which is how GPU
  boxes and operating systems label memory ("a 16 GB card").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from engine.errors import InsufficientMemoryError

GIB = 1 << 30
MIB = 1 << 20
GPU_RUNTIME_RESERVE = 640 * MIB
HOST_RUNTIME_RESERVE = 512 * MIB
_EXPERT_TENSOR = re.compile(r"^blk\.(\d+)\.ffn_(up|down|gate)_exps\b")
_HOST_ONLY_TENSORS = frozenset({"token_embd.weight"})


class KvCacheType(StrEnum):
    F16 = "f16"
    Q8_0 = "q8_0"

    @property
    def bytes_per_32_values(self) -> int:
        return 64 if self is KvCacheType.F16 else 34


class Placement(StrEnum):
    ALL_GPU = "all_gpu"
    EXPERTS_ON_CPU = "experts_on_cpu"
    CPU_ONLY = "cpu_only"


@dataclass(frozen=True)
class ModelShape:
    """The architecture numbers the KV cache and compute buffer depend on."""

    n_layers: int
    n_kv_heads: int
    key_length: int
    value_length: int
    sliding_window: int
    n_swa_layers: int
    n_vocab: int


@dataclass(frozen=True)
class MemoryBudget:
    """Free memory now; `device_free=None` means no usable GPU."""

    host_free: int
    device_free: int | None = None
    device_name: str = ""


@dataclass(frozen=True)
class Plan:
    placement: Placement
    n_ctx: int
    kv_type: KvCacheType
    swa_full: bool
    n_cpu_moe_layers: int
    device_bytes: int
    host_bytes: int
    reason: str

    @property
    def n_gpu_layers(self) -> int:
        """llama.cpp's n_gpu_layers: -1 offloads every layer, 0 none."""
        return 0 if self.placement is Placement.CPU_ONLY else -1

    @property
    def expert_override_patterns(self) -> tuple[str, ...]:
        """Regexes (llama.cpp searches, so they cover weights and biases)."""
        if self.placement is not Placement.EXPERTS_ON_CPU:
            return ()
        return tuple(expert_pattern(layer) for layer in range(self.n_cpu_moe_layers))


def expert_pattern(layer: int) -> str:
    return rf"blk\.{layer}\.ffn_(up|down|gate)_exps"


@dataclass(frozen=True)
class _Weights:
    device_always: int  # on the GPU whenever a GPU is used
    host_always: int  # in RAM whatever happens
    experts_by_layer: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.device_always + self.host_always + sum(self.experts_by_layer)


def _split_weights(tensors: Iterable[tuple[str, int]], n_layers: int) -> _Weights:
    device_always = host_always = 0
    experts = [0] * n_layers
    for name, n_bytes in tensors:
        match = _EXPERT_TENSOR.match(name)
        if match and int(match.group(1)) < n_layers:
            experts[int(match.group(1))] += n_bytes
        elif name in _HOST_ONLY_TENSORS:
            host_always += n_bytes
        else:
            device_always += n_bytes
    return _Weights(device_always, host_always, tuple(experts))


def kv_cache_bytes(
    shape: ModelShape, *, n_ctx: int, kv_type: KvCacheType, swa_full: bool, n_ubatch: int = 512
) -> int:
    """Bytes of K and V for all layers at `n_ctx` cells."""
    values_per_cell = shape.n_kv_heads * (shape.key_length + shape.value_length)
    bytes_per_cell = values_per_cell * kv_type.bytes_per_32_values // 32
    swa_cells = n_ctx if swa_full else min(n_ctx, _pad(shape.sliding_window + n_ubatch, 256))
    n_full_layers = shape.n_layers - shape.n_swa_layers
    return bytes_per_cell * (n_full_layers * n_ctx + shape.n_swa_layers * swa_cells)


def _pad(value: int, multiple: int) -> int:
    return (value + multiple - 1) // multiple * multiple


def plan_offload(
    tensors: Iterable[tuple[str, int]],
    shape: ModelShape,
    budget: MemoryBudget,
    *,
    n_ctx: int,
    kv_type: KvCacheType = KvCacheType.F16,
    swa_full: bool = True,
    n_ubatch: int = 512,
) -> Plan:
    """Choose all-GPU, experts of the first N layers on the CPU, or CPU only."""
    weights = _split_weights(tensors, shape.n_layers)
    kv = kv_cache_bytes(shape, n_ctx=n_ctx, kv_type=kv_type, swa_full=swa_full, n_ubatch=n_ubatch)
    logits = shape.n_vocab * n_ubatch * 4
    ctx = _Context(budget, n_ctx, kv_type, swa_full)
    if budget.device_free:
        gpu_plan = _gpu_plan(weights, kv, logits, ctx)
        if gpu_plan is not None:
            return gpu_plan
    return _cpu_plan(weights, kv, logits, ctx)


@dataclass(frozen=True)
class _Context:
    budget: MemoryBudget
    n_ctx: int
    kv_type: KvCacheType
    swa_full: bool

    def plan(self, choice: _Choice) -> Plan:
        placement, n_cpu_moe, device, host, reason = choice
        return Plan(
            placement, self.n_ctx, self.kv_type, self.swa_full, n_cpu_moe, device, host, reason
        )


_Choice = tuple[Placement, int, int, int, str]


def _gpu_plan(weights: _Weights, kv: int, logits: int, ctx: _Context) -> Plan | None:
    device_free = ctx.budget.device_free or 0
    host_free = ctx.budget.host_free
    device_fixed = weights.device_always + kv + logits + GPU_RUNTIME_RESERVE
    experts = weights.experts_by_layer
    for n_cpu_moe in range(len(experts) + 1):
        on_cpu = sum(experts[:n_cpu_moe])
        device = device_fixed + sum(experts) - on_cpu
        host = weights.host_always + on_cpu + HOST_RUNTIME_RESERVE
        if device <= device_free:
            if host > host_free:
                return None
            return ctx.plan(_gpu_choice(n_cpu_moe, len(experts), device, host, ctx.budget))
    return None


def _gpu_choice(
    n_cpu_moe: int, n_layers: int, device: int, host: int, budget: MemoryBudget
) -> _Choice:
    free = budget.device_free or 0
    if n_cpu_moe == 0:
        reason = f"The model fits entirely on your GPU ({_gb(device)} of {_gb(free)} GB free)."
        return Placement.ALL_GPU, 0, device, host, reason
    reason = (
        f"The model is larger than your GPU's {_gb(free)} GB free, so the experts of "
        f"{n_cpu_moe} of {n_layers} layers run from system memory "
        f"(GPU {_gb(device)} GB, system {_gb(host)} GB); drafting will be slower."
    )
    return Placement.EXPERTS_ON_CPU, n_cpu_moe, device, host, reason


def _cpu_plan(weights: _Weights, kv: int, logits: int, ctx: _Context) -> Plan:
    host = weights.total + kv + logits + HOST_RUNTIME_RESERVE
    free = ctx.budget.host_free
    if host > free:
        raise InsufficientMemoryError(
            f"This model needs about {_gb(host)} GB of memory for a context of "
            f"{ctx.n_ctx:,} tokens, but only {_gb(free)} GB of system memory is free"
            f"{_gpu_clause(ctx.budget)}. Close other programs or choose a shorter context.",
            detail=f"host_needed={host} host_free={free} device_free={ctx.budget.device_free}",
        )
    if ctx.budget.device_free:
        why = f"Your GPU's {_gb(ctx.budget.device_free)} GB free is too little to help, so"
    else:
        why = "No supported GPU was found, so"
    reason = (
        f"{why} the model runs on the processor using {_gb(host)} of {_gb(free)} GB "
        "free system memory; drafting will be slower."
    )
    return ctx.plan((Placement.CPU_ONLY, 0, 0, host, reason))


def _gpu_clause(budget: MemoryBudget) -> str:
    if not budget.device_free:
        return ""
    return f" and the GPU's {_gb(budget.device_free)} GB cannot take enough of it"


def _gb(n_bytes: int) -> str:
    return f"{n_bytes / GIB:.1f}"
