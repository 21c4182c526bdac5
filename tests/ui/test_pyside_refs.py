"""PySide6 6.12 releases a reference to None per void call and to True per
emit; app.ui gives the singletons a reserve so a long session cannot free them."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import app.ui  # noqa: F401  (reserves the references on import)
from app.ui.pyside_refs import RESERVE

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons")


class _Emitter(QObject):
    ping = Signal()


def test_singletons_hold_a_reserve_after_import() -> None:
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > RESERVE // 2


def test_many_void_calls_and_emits_do_not_free_none_or_true(qtbot: object) -> None:
    label, emitter = QLabel(), _Emitter()
    emitter.ping.connect(lambda: None)
    for _ in range(200_000):  # more than None's or True's own references
        label.setText("x")
        emitter.ping.emit()
    assert sys.getrefcount(None) > RESERVE // 2
    assert sys.getrefcount(True) > RESERVE // 2
