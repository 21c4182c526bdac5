"""`NoteStore`: the encrypted note store the rest of the app talks to.

Everything a clinician writes lives in one SQLCipher file (default
`data_dir()/notes.db`, backups in `data_dir()/backups`).  The store is born
locked: `create` or `unlock` return an open one, `lock` drops the connection
and with it SQLCipher's key material.  Every method is safe to call from any
thread; each is one short transaction.  Failures surface as the `StoreError`
family from `app.store.errors`, never as raw database errors.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from app.paths import data_dir
from app.store import audit, backup, drafts_repo, notes_repo, templates_repo
from app.store.db import (
    Connection,
    DatabaseError,
    check_passphrase,
    create_owner_only_file,
    open_keyed,
    restrict_permissions,
    side_files,
    sql_string_literal,
)
from app.store.errors import (
    DiskFullError,
    StoreCorruptError,
    StoreExistsError,
    StoreNotFoundError,
    WrongPassphraseError,
    translate_db_error,
)
from app.store.migrations import migrate
from app.store.models import (
    AuditEvent,
    AuditEventKind,
    Autosave,
    DraftVersion,
    Note,
    NoteSummary,
    Provenance,
    SignOff,
    SourceVersion,
    StoredTemplate,
)
from app.store.session import Session
from app.store.unlocking import open_existing

log = logging.getLogger(__name__)

DEFAULT_FILE_NAME = "notes.db"
DEFAULT_BUSY_TIMEOUT_S = 5.0


def _resolve(path: Path | None) -> Path:
    return path if path is not None else NoteStore.default_path()


class NoteStore:
    """Open with `NoteStore.create(...)` or `NoteStore.unlock(...)`."""

    def __init__(self, session: Session, *, path: Path, busy_timeout_s: float) -> None:
        self._session = session
        self._path = path
        self._busy_timeout_s = busy_timeout_s

    # --- lifecycle -------------------------------------------------------

    @staticmethod
    def default_path() -> Path:
        return data_dir() / DEFAULT_FILE_NAME

    @classmethod
    def create(
        cls,
        *,
        passphrase: str,
        path: Path | None = None,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> NoteStore:
        check_passphrase(passphrase)
        target = _resolve(path)
        if target.exists():
            raise StoreExistsError(detail=target.name)
        create_owner_only_file(target)
        try:
            connection = open_keyed(target, passphrase=passphrase, busy_timeout_s=busy_timeout_s)
            migrate(connection)
        except BaseException as error:
            for leftover in (target, *side_files(target)):
                leftover.unlink(missing_ok=True)
            translated = (
                translate_db_error(error, newest_backup=None)
                if isinstance(error, DatabaseError)
                else None
            )
            if translated is None:
                raise
            raise translated from error
        restrict_permissions(target)
        session = Session(connection, store_path=target)
        return cls(session, path=target, busy_timeout_s=busy_timeout_s)

    @classmethod
    def unlock(
        cls,
        *,
        passphrase: str,
        path: Path | None = None,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> NoteStore:
        target = _resolve(path)
        connection = open_existing(target, passphrase=passphrase, busy_timeout_s=busy_timeout_s)
        session = Session(connection, store_path=target)
        try:
            session.exclusive(migrate)
            restrict_permissions(target)
            failures = audit.pending_failed_unlocks(target)
            session.write(lambda c: _record_unlock(c, failures))
            audit.clear_failed_unlocks(target)
        except DiskFullError:
            log.warning("disk full: unlock not recorded in the audit log yet")
        except BaseException:
            session.close()
            raise
        return cls(session, path=target, busy_timeout_s=busy_timeout_s)

    @classmethod
    def restore(
        cls,
        *,
        backup_file: Path,
        passphrase: str,
        path: Path | None = None,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> NoteStore:
        """Replace the store (which must be locked) by a backup; the old file is kept aside."""
        target = _resolve(path)
        if not backup_file.is_file():
            raise StoreNotFoundError(detail=backup_file.name)
        _verify_backup(backup_file, passphrase=passphrase, busy_timeout_s=busy_timeout_s)
        set_aside = backup.install_backup(backup_file, target)
        store = cls.unlock(passphrase=passphrase, path=target, busy_timeout_s=busy_timeout_s)
        kept = "" if set_aside is None else f"; previous file kept as {set_aside.name}"
        store._record(AuditEventKind.RESTORED, detail=f"from {backup_file.name}{kept}")
        return store

    @staticmethod
    def list_backups(*, path: Path | None = None) -> list[Path]:
        """Oldest first."""
        return backup.list_backups(_resolve(path))

    @property
    def path(self) -> Path:
        return self._path

    @property
    def is_locked(self) -> bool:
        return not self._session.is_open

    def lock(self) -> None:
        self._session.close()

    def __enter__(self) -> NoteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.lock()

    def change_passphrase(self, *, current: str, new: str) -> Path:
        """Rekey every page, then back up under the new passphrase.

        Earlier backups keep the passphrase they were made with.  The fresh
        backup makes the newest backup match the current passphrase, which
        `unlocking` relies on to tell a damaged store from an old passphrase."""
        check_passphrase(new)
        _verify_passphrase(self._path, passphrase=current, busy_timeout_s=self._busy_timeout_s)
        self._session.exclusive(
            lambda c: c.execute(f"PRAGMA rekey = {sql_string_literal(new)}").fetchall()
        )
        self._record(AuditEventKind.REKEYED)
        return self.backup()

    def backup(self) -> Path:
        made = self._session.exclusive(lambda c: backup.export_backup(c, self._path))
        self._record(AuditEventKind.BACKED_UP, detail=made.name)
        return made

    def integrity_check(self) -> None:
        """Verify every page's HMAC and the b-trees; raise StoreCorruptError if not sound."""
        problems = self._session.exclusive(_integrity_problems)
        if problems:
            newest = backup.newest_backup(self._path)
            raise StoreCorruptError(backup=newest, detail="; ".join(problems[:5]))

    def cipher_settings(self) -> dict[str, str]:
        """The effective SQLCipher settings, for the About box and for tests."""
        return self._session.read(_cipher_settings)

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Many writes, one transaction (all kept or none)."""
        with self._session.bulk():
            yield

    # --- notes and sources ----------------------------------------------

    def create_note(
        self,
        *,
        title: str,
        document_type: str,
        source_text: str = "",
        patient_label: str | None = None,
    ) -> Note:
        return self._session.write(
            lambda c: notes_repo.insert_note(
                c,
                title=title,
                document_type=document_type,
                patient_label=patient_label,
                source_text=source_text,
            )
        )

    def get_note(self, note_id: int) -> Note:
        return self._session.read(lambda c: notes_repo.get_note(c, note_id))

    def update_note(
        self, note_id: int, *, title: str, document_type: str, patient_label: str | None
    ) -> Note:
        return self._session.write(
            lambda c: notes_repo.update_details(
                c, note_id, title=title, document_type=document_type, patient_label=patient_label
            )
        )

    def list_notes(self, *, limit: int = 200, offset: int = 0) -> list[NoteSummary]:
        """Most recently changed first."""
        return self._session.read(lambda c: notes_repo.list_notes(c, limit=limit, offset=offset))

    def search(self, query: str, *, limit: int = 50) -> list[NoteSummary]:
        """Full-text search of titles, latest sources and latest drafts; any input is safe."""
        return self._session.read(lambda c: notes_repo.search(c, query, limit=limit))

    def save_source(self, note_id: int, *, text: str) -> SourceVersion:
        return self._session.write(lambda c: notes_repo.save_source(c, note_id, text=text))

    def get_source(self, note_id: int, *, version: int | None = None) -> SourceVersion:
        return self._session.read(lambda c: notes_repo.get_source(c, note_id, version=version))

    # --- drafts, autosave, sign-off -------------------------------------

    def add_generated_draft(
        self,
        note_id: int,
        *,
        text: str,
        provenance: Provenance,
        source_version: int | None = None,
    ) -> DraftVersion:
        return self._session.write(
            lambda c: drafts_repo.add_generated(
                c, note_id, text=text, provenance=provenance, source_version=source_version
            )
        )

    def save_edit(self, note_id: int, *, text: str, parent_version: int | None) -> DraftVersion:
        """Commit the editor's text as a new version and clear its autosave."""
        return self._session.write(
            lambda c: drafts_repo.add_edit(c, note_id, text=text, parent_version=parent_version)
        )

    def get_draft(self, note_id: int, *, version: int | None = None) -> DraftVersion:
        return self._session.read(lambda c: drafts_repo.get_draft(c, note_id, version=version))

    def list_drafts(self, note_id: int) -> list[DraftVersion]:
        return self._session.read(lambda c: drafts_repo.list_drafts(c, note_id))

    def save_autosave(self, note_id: int, *, text: str, base_version: int | None) -> None:
        """Durable on return (fsynced): a crash right after loses nothing."""
        self._session.write(
            lambda c: drafts_repo.save_autosave(c, note_id, text=text, base_version=base_version)
        )

    def get_autosave(self, note_id: int) -> Autosave | None:
        return self._session.read(lambda c: drafts_repo.get_autosave(c, note_id))

    def discard_autosave(self, note_id: int) -> None:
        self._session.write(lambda c: drafts_repo.discard_autosave(c, note_id))

    def sign(self, note_id: int, *, version: int, signed_by: str) -> SignOff:
        return self._session.write(
            lambda c: drafts_repo.sign(c, note_id, version=version, signed_by=signed_by)
        )

    def sign_offs(self, note_id: int) -> list[SignOff]:
        return self._session.read(lambda c: drafts_repo.sign_offs(c, note_id))

    # --- audit and templates --------------------------------------------

    def record_export(self, note_id: int, *, export_format: str) -> None:
        self._record(AuditEventKind.EXPORTED, note_id=note_id, detail=export_format)

    def audit_log(self, *, note_id: int | None = None, limit: int = 500) -> list[AuditEvent]:
        """Newest first."""
        return self._session.read(lambda c: audit.events(c, note_id=note_id, limit=limit))

    def save_template(
        self, *, template_id: str, name: str, version: int, body: str
    ) -> StoredTemplate:
        return self._session.write(
            lambda c: templates_repo.save(
                c, template_id=template_id, name=name, version=version, body=body
            )
        )

    def list_templates(self) -> list[StoredTemplate]:
        """The latest version of each custom template."""
        return self._session.read(templates_repo.latest_versions)

    def get_template(self, template_id: str, *, version: int | None = None) -> StoredTemplate:
        return self._session.read(lambda c: templates_repo.get(c, template_id, version=version))

    def delete_template(self, template_id: str) -> bool:
        return bool(self._session.write(lambda c: templates_repo.delete(c, template_id)))

    def _record(
        self, kind: AuditEventKind, *, note_id: int | None = None, detail: str = ""
    ) -> None:
        self._session.write(lambda c: audit.record(c, kind, note_id=note_id, detail=detail))


def _record_unlock(connection: Connection, failures: list[str]) -> None:
    audit.import_failed_unlocks(connection, failures)
    audit.record(connection, AuditEventKind.UNLOCKED)


def _verify_passphrase(path: Path, *, passphrase: str, busy_timeout_s: float) -> None:
    try:
        probe = open_keyed(
            path, passphrase=passphrase, busy_timeout_s=busy_timeout_s, read_only=True
        )
        probe.close()
    except DatabaseError as error:
        raise WrongPassphraseError(detail="current passphrase did not open the store") from error


def _verify_backup(backup_file: Path, *, passphrase: str, busy_timeout_s: float) -> None:
    try:
        backup.verify_backup(backup_file, passphrase=passphrase, busy_timeout_s=busy_timeout_s)
    except DatabaseError as error:
        raise WrongPassphraseError(detail="the passphrase did not open the backup") from error


def _integrity_problems(connection: Connection) -> list[str]:
    problems = [
        str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check").fetchall()
    ]
    if problems:
        return problems
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return [str(row[0]) for row in rows if row[0] != "ok"]


def _cipher_settings(connection: Connection) -> dict[str, str]:
    settings: dict[str, str] = {}
    for (statement,) in connection.execute("PRAGMA cipher_settings").fetchall():
        name, _, value = str(statement).removeprefix("PRAGMA ").rstrip(";").partition(" = ")
        settings[name] = value
    settings["cipher_version"] = str(connection.execute("PRAGMA cipher_version").fetchone()[0])
    settings["cipher_provider"] = str(connection.execute("PRAGMA cipher_provider").fetchone()[0])
    return settings
