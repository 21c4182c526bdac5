"""`python -m app` starts the desktop app; `--self-test MODEL` checks a build headlessly."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["--self-test"]:
        from app.selftest import main as self_test

        return self_test(sys.argv[2:])
    from app.ui.main import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
