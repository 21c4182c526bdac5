"""Runtime failures a clinician may see, beside the shared ones in engine.errors."""

from __future__ import annotations

from engine.errors import EnclaveError


class GenerationBusyError(EnclaveError):
    """A second generation was started on a session that is still writing."""

    user_message = "A draft is already being written. Stop it or wait for it to finish."


class ModelRuntimeError(EnclaveError):
    """llama.cpp reported an error while evaluating tokens."""

    user_message = "The model stopped unexpectedly. Try again; if it keeps happening, reload it."
