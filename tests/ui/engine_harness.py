"""The real engine adapter, pre-opening one harmony channel, for the few tests
that need a long stream on a known channel.

Drafting tests use the harmony-steered tiny model (`steered_model_path`),
which writes its own headers and ends its answer within a few dozen tokens.
Stop and kill tests need the opposite: text that keeps streaming until they
interrupt it.  The random-weight tiny model never writes a header or a stop
token, so with the assistant message pre-opened at the end of the rendered
prompt (`<|channel|>final<|message|>` or `analysis`) it streams on that
channel until `max_tokens`; everything after the prompt — llama.cpp
inference, sampling, the harmony parser, cancel — is the app's real path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.ui.backend.engine_side import RealEngine


class ChannelEngine(RealEngine):
    def __init__(self, *, channel: str = "final", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.channel = channel

    def generate(self, conversation: Any, cancel: Any) -> Iterator[Any]:
        from engine.harmony.render import render_tokens

        session = self._session
        assert session is not None, "model not loaded"
        codec = session.model.codec
        prompt = render_tokens(conversation, codec)
        header = [codec.special_id("<|channel|>"), *codec.encode_text(self.channel)]
        prompt = prompt + header + [codec.special_id("<|message|>")]
        kwargs = {} if self.sampling is None else {"sampling": self.sampling}
        return session.generate(prompt, cancel=cancel, **kwargs)  # type: ignore[no-any-return]
