"""File logging for the desktop app.

Logs go to `app.paths.log_dir()` only.  What is logged is event names,
timings and error types — never note text (see `app.ui.errors`).
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from types import TracebackType

from app import paths

LOG_FILE_NAME = "enclave-scribe.log"


def configure_logging(*, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_enclave", False) for h in root.handlers):
        return
    handler = RotatingFileHandler(
        paths.log_dir() / LOG_FILE_NAME, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler._enclave = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    sys.excepthook = _log_uncaught


def _log_uncaught(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    from app.ui.errors import loggable_description

    exc.__traceback__ = tb
    logging.getLogger("app.ui").critical("uncaught: %s", loggable_description(exc))
