"""The main window's commands that open dialogs or leave the app: sign,
export (PDF through Qt, other formats from the writing layer), copy,
version history, settings and templates.

Each command has a dialog-free core (`sign_current`, `export_to`, …) that
tests and keyboard users drive directly; the dialogs only collect choices.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.ui.errors import show_error
from app.ui.viewdata import NoteDetail, TemplateChoice

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

PDF_FORMAT = "pdf"


class WindowActions:
    def __init__(self, *, window: MainWindow) -> None:
        self.window = window
        self.templates: list[TemplateChoice] = []
        pane = window.draft_pane
        pane.sign_requested.connect(self.sign_dialog)
        pane.export_requested.connect(self.export_dialog)
        pane.copy_requested.connect(self.copy_draft)
        pane.history_requested.connect(self.open_history)

    # -- sign ---------------------------------------------------------------------

    def sign_dialog(self) -> None:
        win = self.window
        if win.notes.current is None or win.notes.current.signed_by:
            return
        name, ok = QInputDialog.getText(
            win, "Sign off", "Signing makes this version final. Your name:",
            text=win.settings.clinician_name,
        )
        if ok and name.strip():
            self.sign_current(clinician=name.strip())

    def sign_current(self, *, clinician: str) -> bool:
        win = self.window
        repo, note = win.notes.repo, win.notes.current
        if repo is None or note is None:
            return False
        win.notes.flush()
        try:
            repo.sign(note.note_id, clinician=clinician)
        except Exception as exc:
            show_error(win, exc)
            return False
        refreshed = win.notes.reload_current()
        if refreshed is not None:
            win.draft_pane.show_signed(by=refreshed.signed_by, at=refreshed.signed_at)
        win.notes.refresh()
        return True

    # -- export -------------------------------------------------------------------

    def export_formats(self) -> dict[str, str]:
        formats = {PDF_FORMAT: "PDF document (*.pdf)"}
        formats.update(self.window.services.writing.export_formats())
        return formats

    def export_dialog(self) -> None:
        win = self.window
        if win.notes.current is None:
            return
        formats = self.export_formats()
        path, chosen_filter = QFileDialog.getSaveFileName(
            win, "Export note", "", ";;".join(formats.values())
        )
        if not path:
            return
        fmt = next((k for k, v in formats.items() if v == chosen_filter), PDF_FORMAT)
        self.export_to(Path(path), fmt=fmt)

    def export_to(self, destination: Path, *, fmt: str) -> bool:
        win = self.window
        win.notes.flush()
        note = win.notes.reload_current()
        if note is None or win.notes.repo is None:
            return False
        try:
            if fmt == PDF_FORMAT:
                self._write_pdf(note, destination)
            else:
                win.services.writing.export(note, fmt=fmt, destination=destination)
            win.notes.repo.record_export(note.note_id, fmt=fmt)
        except Exception as exc:
            show_error(win, exc)
            return False
        win.status.showMessage(f"Exported to {destination.name}", 5000)
        return True

    def _write_pdf(self, note: NoteDetail, destination: Path) -> None:
        document = QTextDocument()
        document.setHtml(self.window.services.writing.export_html(note))
        writer = QPdfWriter(str(destination))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(300)
        writer.setTitle(note.title)
        writer.setCreator("Enclave Scribe")
        document.print_(writer)

    # -- copy, history ----------------------------------------------------------

    def copy_draft(self) -> None:
        text = self.window.draft_pane.editor.toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.window.status.showMessage("Draft copied.", 3000)

    def open_history(self) -> None:
        from app.ui.dialogs.history import VersionHistoryDialog

        win = self.window
        if win.notes.repo is None or win.notes.current is None:
            return
        try:
            versions = win.notes.repo.versions(win.notes.current.note_id)
        except Exception as exc:
            show_error(win, exc)
            return
        dialog = VersionHistoryDialog(versions=versions, parent=win)
        dialog.restore_requested.connect(self._restore_version)
        win.locked.connect(dialog.reject)
        dialog.open()

    def _restore_version(self, text: str) -> None:
        editor = self.window.draft_pane.editor
        if not editor.isReadOnly():
            editor.setPlainText(text)

    # -- settings, templates ------------------------------------------------------

    def refresh_templates(self) -> None:
        win = self.window
        repo = win.notes.repo
        custom = repo.custom_templates_json() if repo is not None else []
        try:
            self.templates = win.services.writing.templates(custom)
        except Exception as exc:
            show_error(win, exc)
            return
        selected = win.source_pane.template_id() or win.settings.default_template_id
        win.source_pane.set_templates(self.templates, selected_id=selected)

    def open_settings(self) -> None:
        from app.ui.dialogs.settings_dialog import SettingsDialog

        win = self.window
        dialog = SettingsDialog(settings=win.settings, templates=self.templates, parent=win)
        dialog.accepted_settings.connect(win.apply_settings)
        dialog.templates_requested.connect(self.open_templates)
        dialog.open()

    def open_templates(self) -> None:
        from app.ui.dialogs.templates_dialog import TemplatesDialog

        win = self.window
        if win.notes.repo is None:
            QMessageBox.information(win, "Templates", "Unlock to manage your templates.")
            return
        dialog = TemplatesDialog(window=win, parent=win)
        dialog.finished.connect(lambda _r: self.refresh_templates())
        win.locked.connect(dialog.reject)
        dialog.open()
