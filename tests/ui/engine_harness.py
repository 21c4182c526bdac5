"""The real engine adapter, steered so the tiny random-weight model streams
on a chosen harmony channel.

The tiny test model has random weights: it never writes a channel header by
itself, so every token it produces would be routed to no channel at all.
Like the runtime's own tests, we pre-open the assistant message
(`<|channel|>final<|message|>` or `analysis`) at the end of the rendered
prompt; everything after that — llama.cpp inference, sampling, the harmony
parser deciding what is draft and what is reasoning, cancel — is the real
code path the app uses.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from app.ui.backend.engine_side import RealEngine


class ChannelEngine(RealEngine):
    def __init__(self, *, channel: str = "final", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.channel = channel

    def generate(self, conversation: Any, cancel: threading.Event) -> Iterator[Any]:
        from engine.harmony.render import render_tokens

        session = self._session
        assert session is not None, "model not loaded"
        codec = session.model.codec
        prompt = render_tokens(conversation, codec)
        header = [codec.special_id("<|channel|>"), *codec.encode_text(self.channel)]
        prompt = prompt + header + [codec.special_id("<|message|>")]
        kwargs = {} if self.sampling is None else {"sampling": self.sampling}
        return session.generate(prompt, cancel=cancel, **kwargs)  # type: ignore[no-any-return]
