"""Turn a blocking call with a progress callback into a generator.

The engine reports load and hash progress through callbacks; the UI's worker
consumes generators.  The call runs on a helper thread and its progress
values come out of the generator as they arrive; the call's result is the
generator's return value and its exception is re-raised.  No Qt here.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator
from typing import Any, TypeVar

T = TypeVar("T")
P = TypeVar("P")

_DONE = object()


def progress_generator(
    call: Callable[[Callable[[float], None]], T], *, wrap: Callable[[float], P]
) -> Generator[P, None, T]:
    updates: queue.Queue[Any] = queue.Queue()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = call(updates.put)
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            updates.put(_DONE)

    threading.Thread(target=run, name="progress-call", daemon=True).start()
    while (item := updates.get()) is not _DONE:
        yield wrap(float(item))
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result
