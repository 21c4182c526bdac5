"""Re-export of the error base so app code need not reach into `engine`."""

from engine.errors import EnclaveError

__all__ = ["EnclaveError"]
