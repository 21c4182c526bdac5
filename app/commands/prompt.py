"""`enclave prompt`: print the exact prompt the engine would send.

An auditor (or a clinician's IT department) must be able to see, without
running the model, what gpt-oss is told: the harmony text, or with `--tokens`
the very ids fed to a given model file.  The same renderer the engine uses
produces both, so what is printed is what is sent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from app.errors import EnclaveError
from engine.conversation import Conversation, Effort, Role, Turn
from engine.harmony.render import render_text, render_tokens


class PromptInputError(EnclaveError):
    """A file given to `enclave prompt` is missing, unreadable or malformed."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("prompt", help="Print the harmony prompt the engine would send.")
    parser.add_argument("--effort", choices=[e.value for e in Effort], default=Effort.MEDIUM.value)
    parser.add_argument("--date", type=_parse_date, default=dt.date.today(), help="YYYY-MM-DD")
    parser.add_argument("--instructions-file", type=Path, required=True)
    parser.add_argument("--user-file", type=Path, required=True)
    parser.add_argument("--history-file", type=Path, help="JSON list of earlier {role, content}")
    parser.add_argument("--model", type=Path, help="GGUF whose vocabulary tokenizes the prompt")
    parser.add_argument("--tokens", action="store_true", help="print token ids (needs --model)")
    parser.set_defaults(handler=run_prompt)


def run_prompt(args: argparse.Namespace) -> int:
    if args.tokens and args.model is None:
        raise PromptInputError("--tokens needs --model to know the vocabulary.")
    note = Turn(Role.USER, _read_text(args.user_file, what="note"))
    conversation = Conversation(
        instructions=_read_text(args.instructions_file, what="instructions"),
        turns=(*_history(args.history_file), note),
        effort=Effort(args.effort),
        current_date=args.date,
    )
    if args.tokens:
        from engine.vocab import Vocabulary

        ids = render_tokens(conversation, Vocabulary.from_gguf(args.model))
        sys.stdout.write(json.dumps(ids) + "\n")
    else:
        sys.stdout.buffer.write(render_text(conversation).encode("utf-8"))
    sys.stdout.flush()
    return 0


def history_turns(entries: object) -> list[Turn]:
    """Earlier turns from decoded JSON.  Assistant analysis (an `analysis`
    field, or a whole entry on the analysis channel) is dropped: earlier
    reasoning is never sent back to the model."""
    if not isinstance(entries, list):
        raise PromptInputError("The history file must hold a JSON list of turns.")
    return [_turn(entry, index) for index, entry in enumerate(entries) if not _is_analysis(entry)]


def _history(path: Path | None) -> list[Turn]:
    if path is None:
        return []
    try:
        entries = json.loads(_read_text(path, what="history"))
    except json.JSONDecodeError as error:
        raise PromptInputError("The history file is not valid JSON.", detail=str(error)) from None
    return history_turns(entries)


def _is_analysis(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("channel") == "analysis"


def _turn(entry: object, index: int) -> Turn:
    if not isinstance(entry, dict):
        raise PromptInputError(f"History turn {index} is not a JSON object.")
    role, content = entry.get("role"), entry.get("content")
    if role not in (Role.USER.value, Role.ASSISTANT.value):
        raise PromptInputError(f"History turn {index} needs role 'user' or 'assistant'.")
    if not isinstance(content, str):
        raise PromptInputError(f"History turn {index} needs text content.")
    return Turn(Role(role), content)


def _read_text(path: Path, *, what: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PromptInputError(
            f"Could not read the {what} file as UTF-8 text.", detail=type(error).__name__
        ) from None


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD") from None
