"""Run a child script where the outside world is really absent.

The audit-hook guard only sees Python-level sockets; a C library opening its
own socket would slip past it.  An empty network namespace (`unshare -n`: not
even loopback is up) closes that gap: the session must still pass there.  A
private mount namespace with a tiny tmpfs gives a genuinely full disk —
ENOSPC from the kernel — without touching the machine's real filesystems.
Both need root or user namespaces; `available()` says whether they work here.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def available(flag: str) -> bool:
    """Whether `unshare <flag>` works on this machine (e.g. '-n', '-m')."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", flag, "true"], capture_output=True, check=False)
    return probe.returncode == 0


@functools.cache
def tmpfs_available() -> bool:
    if not available("-m"):
        return False
    script = "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, check=False)
    return probe.returncode == 0


def _python_module(module: str, args: list[str]) -> list[str]:
    return [sys.executable, "-m", module, *args]


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT), **extra}


def _last_json_line(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        tail = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        raise AssertionError(f"child failed (rc={result.returncode}):\n{tail}")
    answer: dict[str, Any] = json.loads(lines[-1])
    return answer


def run_module(
    module: str, args: list[str], *, env: dict[str, str], timeout_s: float = 300
) -> dict[str, Any]:
    """Run `python -m module args` normally; its last stdout JSON line is the answer."""
    return _run_child(_python_module(module, args), env=env, timeout_s=timeout_s)


def run_module_without_network(
    module: str, args: list[str], *, env: dict[str, str], timeout_s: float = 300
) -> dict[str, Any]:
    """The same, inside a new network namespace with no interfaces up."""
    command = ["unshare", "-n", "--", *_python_module(module, args)]
    return _run_child(command, env=env, timeout_s=timeout_s)


def run_module_on_tiny_disk(
    module: str, args: list[str], *, mount_point: Path, size_kib: int, env: dict[str, str],
    timeout_s: float = 300,
) -> dict[str, Any]:
    """Mount a `size_kib` tmpfs on `mount_point` in a private mount namespace and
    run the module there; the mount vanishes with the child."""
    script = 'mount -t tmpfs -o "size=$1k,mode=0700" tmpfs "$2" && shift 2 && exec "$@"'
    command = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
               str(size_kib), str(mount_point), *_python_module(module, args)]
    return _run_child(command, env=env, timeout_s=timeout_s)


def _run_child(command: list[str], *, env: dict[str, str], timeout_s: float) -> dict[str, Any]:
    result = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=_child_env(env),
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    return _last_json_line(result)
