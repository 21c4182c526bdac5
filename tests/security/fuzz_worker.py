"""Child process that tries one damaged model file after another.

Run as `python -m tests.security.fuzz_worker SCRATCH_DIR`.  It reads one JSON
`FuzzCase` per line on stdin and answers one JSON line per case on the
protocol pipe (the original stdout; llama.cpp's own chatter goes to stderr).
The parent sends one case at a time, so if this process dies it knows which
file was in flight: a crash costs one case, not the batch.
Address space is capped so a parser that believes a 2**64 length fails here
with MemoryError instead of starving the shared machine.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path
from typing import IO

from tests.security.fuzz_cases import FuzzCase
from tests.security.model_probe import probe_model

ADDRESS_SPACE_LIMIT = 6 * 1024**3


def _protocol_pipe() -> IO[str]:
    """Keep the real stdout for answers and point fd 1 at stderr for everyone else."""
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return protocol


def _answer(pipe: IO[str], payload: dict[str, object]) -> None:
    pipe.write(json.dumps(payload) + "\n")
    pipe.flush()


def _decode_case(line: str) -> FuzzCase:
    fields = json.loads(line)
    fields["patches"] = tuple((int(offset), str(data)) for offset, data in fields["patches"])
    return FuzzCase(**fields)


def _probe_safely(target: Path) -> dict[str, object]:
    """A Python exception escaping the probe is a finding, not a process death."""
    try:
        return probe_model(target)
    except Exception as error:
        return {"outcome": "unclear", "error": type(error).__name__, "detail": str(error)[:300]}


def main(scratch: Path) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    pipe = _protocol_pipe()
    scratch.mkdir(parents=True, exist_ok=True)
    for line in sys.stdin:
        case = _decode_case(line)
        target = case.materialize(scratch / "case.gguf")
        result = _probe_safely(target)
        target.unlink()
        _answer(pipe, {"name": case.name, "kind": case.kind, **result})
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
