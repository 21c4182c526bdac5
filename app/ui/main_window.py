"""The main window: composes the panes, wires them to the controllers, and
owns locking.

Locked, the window shows only the lock screen and every editor is emptied,
so no patient text stays in a widget (or in memory held by one) while the
clinician is away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QStackedWidget, QWidget

from app.ui.backend.protocols import NoteRepository
from app.ui.controllers.drafting import DraftController
from app.ui.controllers.model import ModelController
from app.ui.controllers.notes import NotesController
from app.ui.controllers.token_meter import TokenMeter
from app.ui.draft_flow import DraftFlow
from app.ui.errors import show_error
from app.ui.idle import IdleWatcher
from app.ui.lock_screen import LockScreen
from app.ui.panes.draft_pane import DraftPane
from app.ui.panes.notes_pane import NotesPane
from app.ui.panes.source_pane import SourcePane
from app.ui.panes.status import StatusPanel
from app.ui.services import Services
from app.ui.settings import UiSettings, save_settings
from app.ui.viewdata import NoteDetail, NoteRow
from app.ui.window_actions import WindowActions
from app.ui.worker import cancel_all_workers


class MainWindow(QMainWindow):
    locked = Signal()
    unlock_requested = Signal()

    def __init__(self, *, services: Services, settings: UiSettings) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.setWindowTitle("Enclave Scribe")
        self.setObjectName("mainWindow")
        self.resize(1280, 820)
        self.notes = NotesController(self)
        self.drafting = DraftController(self)
        self.model = ModelController(engine=services.engine, parent=self)
        self.token_meter = TokenMeter(parent=self)
        self.idle = IdleWatcher(limit_s=settings.idle_lock_minutes * 60, parent=self)
        self._build_views()
        self.flow = DraftFlow(window=self)
        self.actions_ = WindowActions(window=self)
        self._build_menus()
        self._connect()
        self.show_locked()

    # -- construction -------------------------------------------------------

    def _build_views(self) -> None:
        self.notes_pane = NotesPane()
        self.source_pane = SourcePane()
        self.draft_pane = DraftPane()
        self.draft_pane.crisis_banner.set_resources(self.settings.crisis_resources)
        self.status = StatusPanel()
        self.setStatusBar(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.notes_pane)
        splitter.addWidget(self.source_pane)
        splitter.addWidget(self.draft_pane)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([220, 480, 580])
        self.workspace: QWidget = splitter
        self.lock_screen = LockScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.workspace)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add_action(file_menu, "&New note", "Ctrl+N", self.new_note)
        self._add_action(file_menu, "&Export…", "Ctrl+E", self.actions_.export_dialog)
        self._add_action(file_menu, "&Lock now", "Ctrl+L", self.lock)
        self._add_action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self._add_action(edit_menu, "Copy &draft", "Ctrl+Shift+C", self.actions_.copy_draft)
        self._add_action(edit_menu, "&Settings…", "Ctrl+,", self.actions_.open_settings)
        self._add_action(edit_menu, "&Templates…", None, self.actions_.open_templates)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.flow.start_draft)
        QShortcut(QKeySequence("Esc"), self, self.flow.stop_draft)

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.notes_pane.new_note_requested.connect(self.new_note)
        self.notes_pane.search_changed.connect(lambda q: self._guard(self.notes.refresh, query=q))
        self.notes_pane.note_selected.connect(lambda i: self._guard(self.notes.open, i))
        self.notes.notes_listed.connect(self._show_notes)
        self.notes.note_opened.connect(self._show_note)
        self.notes.failed.connect(lambda exc: show_error(self, exc))
        self.source_pane.editor.textChanged.connect(self._on_source_changed)
        self.source_pane.title.textEdited.connect(self.notes.title_edited)
        self.source_pane.template_box.activated.connect(
            lambda _i: self._guard(self.notes.template_chosen, self.source_pane.template_id())
        )
        self.draft_pane.editor.textChanged.connect(self._on_draft_changed)
        self.token_meter.counted.connect(
            lambda n: self.source_pane.set_token_count(tokens=n, context=self.settings.context_size)
        )
        self.idle.idle.connect(self.lock)
        self.lock_screen.unlock_requested.connect(self.unlock_requested)

    def _guard(self, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Run a store call from a UI event; errors go to the one error box."""
        try:
            fn(*args, **kwargs)
        except Exception as exc:
            show_error(self, exc)

    # -- unlock / lock --------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.notes.repo is None

    def unlock_with(self, repo: NoteRepository) -> None:
        self.notes.repo = repo
        self.actions_.refresh_templates()
        self.notes.attach(repo)
        self.source_pane.set_effort(self.settings.default_effort)
        self.token_meter.set_count_fn(self._token_count_fn())
        self.stack.setCurrentWidget(self.workspace)
        self.idle.arm()
        self.model.load(self.settings)
        self.flow.warm_up()

    def show_locked(self) -> None:
        self.stack.setCurrentWidget(self.lock_screen)

    def lock(self) -> None:
        if self.is_locked:
            return
        self.flow.stop_draft()
        self.idle.disarm()
        repo = self.notes.detach()
        self._clear_patient_views()
        if repo is not None:
            self._guard(repo.lock)
        self.show_locked()
        self.locked.emit()

    def _clear_patient_views(self) -> None:
        for widget in (self.source_pane.editor, self.draft_pane.editor):
            widget.blockSignals(True)
        self.notes_pane.clear()
        self.source_pane.clear()
        self.draft_pane.clear()
        for widget in (self.source_pane.editor, self.draft_pane.editor):
            widget.blockSignals(False)

    # -- notes ------------------------------------------------------------------

    def new_note(self) -> None:
        if self.is_locked:
            return
        template_id = self.source_pane.template_id() or self.settings.default_template_id
        self._guard(self.notes.create, title="Untitled note", template_id=template_id)
        self.source_pane.title.setFocus()
        self.source_pane.title.selectAll()

    def _show_notes(self, rows: list[NoteRow]) -> None:
        current = self.notes.current.note_id if self.notes.current else None
        names = {t.template_id: t.name for t in self.actions_.templates}
        rows = [replace(r, template_name=names.get(r.template_name, r.template_name)) for r in rows]
        self.notes_pane.show_notes(rows, select_id=current)

    def _show_note(self, note: NoteDetail) -> None:
        self.flow.stop_draft()
        for widget in (self.source_pane.editor, self.draft_pane.editor):
            widget.blockSignals(True)
        self.source_pane.title.setText(note.title)
        self.source_pane.select_template(note.template_id)
        self.source_pane.editor.setPlainText(note.source_text)
        self.draft_pane.clear()
        self.draft_pane.editor.setPlainText(note.draft_text)
        self.draft_pane.show_signed(by=note.signed_by, at=note.signed_at)
        for widget in (self.source_pane.editor, self.draft_pane.editor):
            widget.blockSignals(False)
        self.token_meter.text_changed(note.source_text)

    def _on_source_changed(self) -> None:
        text = self.source_pane.editor.toPlainText()
        self.token_meter.text_changed(text)
        self.notes.source_edited(text)

    def _on_draft_changed(self) -> None:
        if self.drafting.is_running:
            return
        self.notes.draft_edited(self.draft_pane.editor.toPlainText())

    def _token_count_fn(self) -> Callable[[str], int]:
        engine = self.services.engine

        def count(text: str) -> int:
            return engine.count_tokens(text)

        return count

    # -- settings / shutdown ------------------------------------------------------

    def apply_settings(self, settings: UiSettings) -> None:
        model_changed = (
            settings.model_path != self.settings.model_path
            or settings.context_size != self.settings.context_size
            or settings.offload_mode != self.settings.offload_mode
            or settings.manual_cpu_moe_layers != self.settings.manual_cpu_moe_layers
        )
        self.settings = settings
        save_settings(settings)
        self.idle.set_limit(limit_s=settings.idle_lock_minutes * 60)
        self.draft_pane.crisis_banner.set_resources(settings.crisis_resources)
        if model_changed and not self.is_locked:
            self.model.unload()
            self.model.load(settings)
            self.token_meter.set_count_fn(self._token_count_fn())

    def shut_down(self) -> None:
        """Save and lock, stop every worker, free llama.cpp's model and
        context: before Qt and Python tear down (safe to call twice)."""
        self.lock()
        cancel_all_workers()
        self.model.unload()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)
