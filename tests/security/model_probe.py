"""One attempt at a model file along the app's own path, as a verdict.

The path is the one the app takes when a clinician picks a file (see
app.ui.backend.engine_side): inspect and validate the header
(engine.modelfile), plan for this machine, load through the runtime's loader,
render a harmony prompt and generate a few tokens through the session.  The
verdict is `rejected` (an EnclaveError: class and user message), `ran`
(events produced) or `unclear` (any other exception — a finding, since the
clinician would see a traceback).  A process death is judged by the parent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from engine.conversation import Conversation, Role, Turn
from engine.errors import EnclaveError
from engine.harmony.render import render_tokens
from engine.modelfile import inspect_model
from engine.runtime.events import Done, FinalDelta
from engine.runtime.loader import load_model, plan_for_file
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session

PROBE_CONTEXT = 512
PROBE_SAMPLING = SamplingOptions(seed=1, max_tokens=4)
PROBE_CONVERSATION = Conversation(
    instructions="Write a short progress note.",
    turns=(Turn(Role.USER, "Slept better this week."),),
    current_date=dt.date(2025, 1, 1),
)


def _generate(path: Path) -> int:
    plan = plan_for_file(path, n_ctx=PROBE_CONTEXT)
    with load_model(path, plan=plan) as loaded:
        session = Session(loaded, output_reserve=PROBE_SAMPLING.max_tokens)
        prompt = render_tokens(PROBE_CONVERSATION, loaded.codec)
        events = list(session.generate(prompt, sampling=PROBE_SAMPLING))
    done = events[-1]
    assert isinstance(done, Done), "a generation must end with Done"
    assert sum(isinstance(event, FinalDelta) for event in events) <= done.stats.generated_tokens
    return done.stats.generated_tokens


def probe_model(path: Path) -> dict[str, Any]:
    try:
        inspect_model(path)
        generated = _generate(path)
    except EnclaveError as error:
        return {"outcome": "rejected", "error": type(error).__name__, "message": error.user_message}
    return {"outcome": "ran", "tokens": generated}
