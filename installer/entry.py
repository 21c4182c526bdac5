"""The frozen bundle's single executable.

One executable keeps the bundle small (PySide6 and llama.cpp are shared), so
it serves three roles, chosen by its first argument:

- `cli ARGS…`           the headless `enclave` command (the Linux/macOS
                         `enclave` launcher passes `cli`), for IT tasks such as
                         `enclave model hash FILE`;
- `--self-test MODEL`   the no-display build check (see `app.selftest`);
- anything else         the desktop app.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["cli"]:
        from app.cli import main as cli_main

        return cli_main(sys.argv[2:])
    from app.__main__ import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(main())
