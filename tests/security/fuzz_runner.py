"""Parent side of the model-file fuzz: feeds cases to worker processes and
turns a dead worker into one recorded crash instead of a dead test run.

Cases are dealt round-robin to a few shards; each shard drives one worker at
a time over a pipe, one case per request, with a per-case time limit (a hang
is recorded as such and the worker replaced).  The report counts outcomes the
way the issue asks: rejected (per error class), loaded and ran, crashed.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.security.fuzz_cases import FuzzCase

REPO_ROOT = Path(__file__).resolve().parents[2]
BAD_OUTCOMES = ("crashed", "hung", "unclear")


@dataclass
class FuzzReport:
    results: list[dict[str, Any]] = field(default_factory=list)

    def outcomes(self) -> Counter[str]:
        return Counter(result["outcome"] for result in self.results)

    def rejections(self) -> Counter[str]:
        return Counter(r["error"] for r in self.results if r["outcome"] == "rejected")

    def by_kind(self) -> dict[str, Counter[str]]:
        kinds: dict[str, Counter[str]] = {}
        for result in self.results:
            kinds.setdefault(result["kind"], Counter())[result["outcome"]] += 1
        return kinds

    def bad(self) -> list[dict[str, Any]]:
        return [r for r in self.results if r["outcome"] in BAD_OUTCOMES]

    def summary(self, *, title: str) -> str:
        outcomes = self.outcomes()
        lines = [
            f"{title}: {len(self.results)} files",
            f"  rejected with a clear error: {outcomes['rejected']}",
            *(f"    {name}: {n}" for name, n in sorted(self.rejections().items())),
            f"  loaded and generated: {outcomes['ran']}",
            f"  crashed: {outcomes['crashed']} of {len(self.results)}",
            f"  hung: {outcomes['hung']}   unclear (non-Enclave) errors: {outcomes['unclear']}",
        ]
        lines.append("  by mutation kind:")
        lines += [
            f"    {kind}: " + ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
            for kind, counts in sorted(self.by_kind().items())
        ]
        lines += [f"  BAD {json.dumps(r)[:300]}" for r in self.bad()[:20]]
        return "\n".join(lines)


class _Worker:
    """One child process; replaced whenever it dies or hangs."""

    def __init__(self, scratch: Path) -> None:
        scratch.mkdir(parents=True, exist_ok=True)
        self._stderr = (scratch / "worker-stderr.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.security.fuzz_worker", str(scratch / "work")],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            bufsize=1,
        )
        self._selector = selectors.DefaultSelector()
        assert self.process.stdout is not None
        self._selector.register(self.process.stdout, selectors.EVENT_READ)

    @property
    def _out(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    def ask(self, case: FuzzCase, *, timeout_s: float) -> dict[str, Any]:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(asdict(case)) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return self._crashed(case)
        if not self._selector.select(timeout=timeout_s):
            self.stop()
            return {"name": case.name, "kind": case.kind, "outcome": "hung"}
        line = self._out.readline()  # exactly one answer line per case
        if not line:
            return self._crashed(case)
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _crashed(self, case: FuzzCase) -> dict[str, Any]:
        code = self.process.wait()
        return {"name": case.name, "kind": case.kind, "outcome": "crashed", "returncode": code}

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.wait()
        self._selector.close()
        self._stderr.close()


def _run_shard(
    cases: list[FuzzCase], *, scratch: Path, timeout_s: float, sink: list[dict[str, Any]]
) -> None:
    worker = _Worker(scratch)
    for case in cases:
        if not worker.alive:
            worker.stop()
            worker = _Worker(scratch)
        sink.append(worker.ask(case, timeout_s=timeout_s))
    assert worker.process.stdin is not None
    worker.process.stdin.close()
    worker.stop()


def run_fuzz(
    cases: list[FuzzCase], *, scratch: Path, workers: int = 2, timeout_s: float = 60.0
) -> FuzzReport:
    """Try every case in child processes; never raises because a child died."""
    sinks: list[list[dict[str, Any]]] = [[] for _ in range(workers)]
    threads = [
        threading.Thread(
            target=_run_shard,
            args=(cases[index::workers],),
            kwargs={"scratch": scratch / f"shard{index}", "timeout_s": timeout_s, "sink": sink},
        )
        for index, sink in enumerate(sinks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return FuzzReport(results=[result for sink in sinks for result in sink])
