"""`enclave model inspect|hash FILE`: check a model file without loading it.

IT staff installing Enclave Scribe need to know, before a 12 GB file is
handed to the app, whether it is the right model, complete, and which exact
file it is (its SHA-256).  These read only the header, or stream the bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from engine.modelfile import ModelReport, inspect_model, sha256_file

MIB = 1024 * 1024


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("model", help="Inspect or hash a gpt-oss GGUF model file.")
    actions = parser.add_subparsers(dest="model_action", required=True)
    inspect = actions.add_parser("inspect", help="Print what the model file contains.")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    inspect.add_argument("--tensors", action="store_true", help="list every tensor")
    inspect.set_defaults(handler=run_inspect)
    hasher = actions.add_parser("hash", help="Print the file's SHA-256.")
    hasher.add_argument("file", type=Path)
    hasher.add_argument("--progress", action="store_true", help="show progress on stderr")
    hasher.set_defaults(handler=run_hash)


def run_inspect(args: argparse.Namespace) -> int:
    report = inspect_model(args.file)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_report(report, with_tensors=args.tensors))
    return 0


def run_hash(args: argparse.Namespace) -> int:
    def show(done: int, total: int) -> None:
        print(f"\r{done / MIB:,.0f} / {total / MIB:,.0f} MiB", end="", file=sys.stderr)

    digest = sha256_file(args.file, progress=show if args.progress else None)
    if args.progress:
        print(file=sys.stderr)
    print(f"{digest}  {args.file}")
    return 0


def format_report(report: ModelReport, *, with_tensors: bool = False) -> str:
    lines = [
        f"File:            {report.path}",
        f"Size:            {_size(report.file_size)} (GGUF v{report.gguf_version})",
        f"Name:            {report.name or '-'}",
        f"Architecture:    {report.architecture}",
        f"Context length:  {report.context_length:,} tokens",
        f"Layers:          {report.block_count} (sliding window {report.sliding_window})",
        f"Attention heads: {report.head_count} query / {report.head_count_kv} key-value",
        f"Experts:         {report.expert_count}, {report.expert_used_count} used per token",
        f"Embedding:       {report.embedding_length}",
        f"Vocabulary:      {report.vocab_size:,} tokens",
        f"Chat template:   {'yes' if report.chat_template else 'no'}"
        f" ({len(report.chat_template):,} characters)",
        f"Tensors:         {len(report.tensors)}, {_size(report.tensor_bytes)}",
    ]
    lines += [f"  {name:<8} {_size(n_bytes)}" for name, n_bytes in report.bytes_by_type.items()]
    if with_tensors:
        lines.append("")
        lines += [
            f"  {t.name:<36} {t.type_name:<6} {'x'.join(map(str, t.shape)):<18} {t.n_bytes:>12,}"
            for t in report.tensors
        ]
    return "\n".join(lines)


def _size(n_bytes: int) -> str:
    if n_bytes >= 1024 * MIB:
        return f"{n_bytes / (1024 * MIB):.2f} GiB"
    if n_bytes >= MIB:
        return f"{n_bytes / MIB:.2f} MiB"
    return f"{n_bytes / 1024:.1f} KiB"
