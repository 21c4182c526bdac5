"""The stop button: one flag both Python and llama.cpp's compute loop can see.

A `threading.Event` is only visible to Python, so a long prompt evaluation
(one `llama_decode` of hundreds of tokens) would finish before noticing it.
`CancelFlag` is a `threading.Event` that also flips a byte llama.cpp polls
after each graph node (see `llama_ext.AbortFlag`), so a stop takes effect
within one node, mid-prompt as well as between tokens.
"""

from __future__ import annotations

import threading

from engine.runtime.llama_ext import AbortFlag


class CancelFlag(threading.Event):
    def __init__(self) -> None:
        super().__init__()
        self.abort = AbortFlag()

    def set(self) -> None:
        self.abort.set()
        super().set()

    def clear(self) -> None:
        self.abort.clear()
        super().clear()
