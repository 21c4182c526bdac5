"""Errors the writing layer can show a clinician.

Each carries a short `user_message` free of patient text; the technical
detail (file names, field names) goes to `detail` for the log.
"""

from __future__ import annotations

from engine.errors import EnclaveError


class TemplateError(EnclaveError):
    """A template file or stored custom template is missing or malformed."""

    user_message = "A document template could not be read."


class ExportError(EnclaveError):
    """Writing an exported note failed; nothing partial is left behind."""

    user_message = "The note could not be exported. Nothing was written."


class SourceCheckError(EnclaveError):
    """The source check was given input it cannot read."""

    user_message = "The source check could not run on this input."
