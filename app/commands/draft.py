"""`enclave draft`: write a draft from a notes file, headless.

The same engine path as the app (planner, loader, harmony renderer, streaming
parser), so a draft can be produced and timed without a display.  The draft
goes to stdout as it is written; reasoning goes to stderr only when asked
for, so `enclave draft … > note.txt` can never capture reasoning.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from app.errors import EnclaveError
from engine.conversation import Conversation, Effort, Role, Turn
from engine.harmony.render import render_tokens
from engine.modelfile import open_model_file
from engine.runtime.cancel import CancelFlag
from engine.runtime.events import AnalysisDelta, Done, FinalDelta, GenerationEvent
from engine.runtime.llama_ext import route_llama_logs_to
from engine.runtime.loader import load_model, plan_for_model
from engine.runtime.sampling import SamplingOptions
from engine.runtime.session import Session

DEFAULT_INSTRUCTIONS = (
    "Write a concise clinical session summary from the clinician's notes. "
    "Use only facts stated in the notes; do not invent findings, doses or dates."
)


class DraftInputError(EnclaveError):
    """A file given to `enclave draft` is missing or unreadable."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("draft", help="Write a draft from a notes file.")
    parser.add_argument("notes_file", type=Path, metavar="NOTES_FILE")
    parser.add_argument("--model", type=Path, required=True, help="gpt-oss GGUF file")
    parser.add_argument("--effort", choices=[e.value for e in Effort], default="medium")
    parser.add_argument("--instructions-file", type=Path)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--max-tokens", type=int, default=4096)
    parser.add_argument("--ctx", type=int, default=8192, help="context window in tokens")
    parser.add_argument("--show-reasoning", action="store_true", help="reasoning to stderr")
    parser.set_defaults(handler=run_draft)


def run_draft(args: argparse.Namespace) -> int:
    route_llama_logs_to(logging.getLogger("enclave.llama"))
    notes = _read(args.notes_file)
    instructions = _read(args.instructions_file) if args.instructions_file else DEFAULT_INSTRUCTIONS
    conversation = Conversation(
        instructions=instructions, turns=(Turn(Role.USER, notes),), effort=Effort(args.effort)
    )
    model_file = open_model_file(args.model)
    plan = plan_for_model(model_file, n_ctx=args.ctx)
    print(plan.reason, file=sys.stderr)
    with load_model(model_file, plan=plan) as model:
        prompt = render_tokens(conversation, model.codec)
        sampling = SamplingOptions(seed=args.seed, max_tokens=args.max_tokens)
        cancel = CancelFlag()
        events = Session(model).generate(prompt, sampling=sampling, cancel=cancel)
        try:
            return _stream(events, show_reasoning=args.show_reasoning)
        except KeyboardInterrupt:
            cancel.set()
            _drain(events)
            return 130


def _stream(events: Any, *, show_reasoning: bool) -> int:
    event: GenerationEvent
    for event in events:
        if isinstance(event, FinalDelta):
            sys.stdout.write(event.text)
            sys.stdout.flush()
        elif isinstance(event, AnalysisDelta) and show_reasoning:
            sys.stderr.write(event.text)
            sys.stderr.flush()
        elif isinstance(event, Done):
            sys.stdout.write("\n")
            _report(event)
    return 0


def _drain(events: Any) -> None:
    for _ in events:
        pass


def _report(done: Done) -> None:
    stats = done.stats
    print(
        f"[{done.finish_reason.value}] prompt {stats.prompt_tokens} tokens "
        f"({stats.prompt_tokens_per_s:.0f}/s), {stats.generated_tokens} generated "
        f"({stats.generation_tokens_per_s:.1f}/s), first token after "
        f"{stats.time_to_first_token_s:.2f} s",
        file=sys.stderr,
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DraftInputError(
            f"Cannot read {path.name}: it must be a UTF-8 text file.",
            detail=type(error).__name__,
        ) from error
