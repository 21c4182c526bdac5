"""Headless entry point: `enclave <command>`.

Each sub-command lives in its own module under `app.commands` exposing
`register(subparsers)`; they are found by listing that package so adding a
command never means editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from app import commands
from app.errors import EnclaveError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="enclave", description="Enclave Scribe, headless.")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.netguard import install_network_guard

    install_network_guard()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.handler(args)
    except EnclaveError as error:
        print(f"enclave: {error.user_message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
