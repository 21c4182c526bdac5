"""The one place the UI tells a clinician something failed.

Every layer raises `EnclaveError` subclasses whose `user_message` is safe to
show.  Anything else is a bug: the clinician gets a generic sentence, the log
gets the stack.  The log never holds patient text, so for exceptions that are
not ours only the type and the code locations are written — their message
might quote a note.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from engine.errors import EnclaveError, OperationCancelled

log = logging.getLogger("app.ui")

GENERIC_MESSAGE = (
    "Something went wrong. Your notes are safe; the details were written to the log."
)


def user_message_for(exc: BaseException) -> str:
    if isinstance(exc, EnclaveError):
        return exc.user_message
    return GENERIC_MESSAGE


def loggable_description(exc: BaseException) -> str:
    """Exception type and stack without any message that could quote a note."""
    frames = traceback.format_tb(exc.__traceback__)
    if isinstance(exc, EnclaveError):
        head = f"{type(exc).__name__}: {exc}"
    else:
        head = f"{type(exc).__module__}.{type(exc).__name__} (message withheld)"
    return head + "\n" + "".join(frames)


def report_error(exc: BaseException) -> str:
    """Log `exc` safely and return what the clinician should read."""
    if isinstance(exc, OperationCancelled):
        log.info("operation cancelled")
    else:
        log.error("error shown to user: %s", loggable_description(exc))
    return user_message_for(exc)


def show_error(
    parent: QWidget | None, exc: BaseException, *, title: str = "Enclave Scribe"
) -> None:
    """Log the error and show its user message in a modal box."""
    message = report_error(exc)
    if isinstance(exc, OperationCancelled):
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.setAccessibleName("Error")
    box.open()
