"""How much memory there is to plan with, and which backend this build has.

Free GPU memory comes from ggml's backend-device API (the same numbers
llama.cpp uses when it places tensors); host memory from the kernel.  A CPU
build reports no GPU, so the planner chooses the CPU-only plan.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.runtime.llama_ext import BackendDevice, DeviceType, backend_devices, backend_names
from engine.runtime.planner import MemoryBudget

_MEMINFO = Path("/proc/meminfo")


def host_free_bytes() -> int:
    """Memory the OS could give us without swapping (MemAvailable on Linux)."""
    if _MEMINFO.exists():
        for line in _MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return _sysconf_pages("SC_AVPHYS_PAGES")


def host_total_bytes() -> int:
    return _sysconf_pages("SC_PHYS_PAGES")


def _sysconf_pages(name: str) -> int:
    try:
        return int(os.sysconf(name)) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 0


def gpu_devices() -> list[BackendDevice]:
    """Discrete GPUs with their own memory; integrated ones share host RAM."""
    return [device for device in backend_devices() if device.type is DeviceType.GPU]


def accelerator_backend() -> str:
    """The backend this build runs on: "CUDA", "Metal", "Vulkan"… or "CPU"."""
    others = [name for name in backend_names() if name.upper() != "CPU"]
    return others[0] if others else "CPU"


def current_budget() -> MemoryBudget:
    """Free memory right now: the GPU with the most free memory, and host RAM."""
    gpus = sorted(gpu_devices(), key=lambda device: device.free_bytes, reverse=True)
    host_free = host_free_bytes()
    if not gpus:
        return MemoryBudget(host_free=host_free)
    best = gpus[0]
    return MemoryBudget(
        host_free=host_free, device_free=best.free_bytes, device_name=best.description
    )
