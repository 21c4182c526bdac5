"""Keeps None, True and False alive despite a PySide6 6.12 reference leak.

With PySide6/shiboken6 6.12.0 on CPython 3.11 every call of a Qt method
returning void (`setText`, `QTimer.start`, `processEvents`, ...) releases one
reference to None that it never took, and every `Signal.emit` does the same to
True (measured: -1 per call; see tests/ui/test_pyside_refs.py).  None starts
with some tens of thousands of references, so an app that streams drafts all
day drives it to zero and CPython aborts with `none_dealloc` or, at exit while
garbage-collecting, `bool_dealloc`.

The singletons are never meant to be freed, so the fix on our side is to give
each a reserve of references far larger than a session can spend (2**40; a
decade of calls).  From CPython 3.12 these objects are immortal and nothing is
done.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def reserve_singleton_references(*, extra: int = RESERVE) -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is a PyObject's first field in release builds.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < extra:
            refcount.value += extra
