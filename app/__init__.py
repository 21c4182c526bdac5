"""Enclave Scribe: the application layers above the engine.

`app.store` (encrypted notes) and `app.writing` (templates, checks, export)
have no Qt; `app.ui` holds every PySide6 import.
"""

__version__ = "0.1.0"
