"""`enclave check --source S --draft D [--json]`: the fact-to-source check and
the crisis-language flags, headless, so an auditor can rerun them on files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.writing.crisis import find_crisis_language
from app.writing.errors import SourceCheckError
from app.writing.sourcecheck import ADVISORY_NOTE, check_draft


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="check a draft against its source notes")
    parser.add_argument("--source", type=Path, required=True, help="source notes (UTF-8 text)")
    parser.add_argument("--draft", type=Path, required=True, help="draft to check (UTF-8 text)")
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    source = _read(args.source)
    draft = _read(args.draft)
    findings = [f.to_dict() for f in check_draft(source, draft)]
    crisis = {
        name: [
            {"category": f.category.value, "context": f.context.value, "text": f.text,
             "start": f.start, "end": f.end}
            for f in find_crisis_language(text)
        ]
        for name, text in (("source", source), ("draft", draft))
    }
    if args.json:
        report = {"findings": findings, "crisis": crisis, "advisory": ADVISORY_NOTE}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(f"{finding['start']}-{finding['end']} {finding['kind']}: {finding['reason']}")
        for name, flags in crisis.items():
            for flag in flags:
                print(f"crisis ({name}) {flag['category']} [{flag['context']}] at {flag['start']}")
        print(f"{len(findings)} unsupported fact(s). {ADVISORY_NOTE}")
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceCheckError(
            "A file could not be read as UTF-8 text.", detail=type(error).__name__
        ) from error
