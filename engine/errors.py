"""The one user-facing error hierarchy.

It lives in `engine` because `engine` may import nothing from `app`, yet the
store and the writing layer raise the same kind of error.  `user_message` is
what a clinician sees: short, actionable, never containing patient text.
`str(error)` carries technical detail for the log (also free of patient text).
"""

from __future__ import annotations


class EnclaveError(Exception):
    """Base of every error meant to reach the clinician."""

    user_message: str = "Something went wrong."

    def __init__(self, user_message: str | None = None, *, detail: str = "") -> None:
        if user_message is not None:
            self.user_message = user_message
        self.detail = detail
        super().__init__(f"{self.user_message} {detail}".strip())


class ModelFileError(EnclaveError):
    """The model file is missing, unreadable, not GGUF, truncated or not gpt-oss."""


class UnsupportedModelError(ModelFileError):
    """A valid GGUF this build cannot run (other architecture, tensor types)."""


class ModelLoadError(EnclaveError):
    """llama.cpp refused or failed to load the model."""


class InsufficientMemoryError(EnclaveError):
    """The model does not fit in the memory available."""


class ContextOverflowError(EnclaveError):
    """A prompt does not fit the context window; never silently truncated."""


class OperationCancelled(EnclaveError):
    """A long operation (hashing, loading) was stopped by the user."""

    user_message = "Cancelled."
