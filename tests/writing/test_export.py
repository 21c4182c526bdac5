"""Every export format round-trips or validates, unsigned drafts carry the
mark, and a failed write leaves neither a half file nor a temp file."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import docx
import pytest
from fhir.resources.R4B.documentreference import DocumentReference

from app.writing.export import (
    DRAFT_MARK,
    ExportDocument,
    ExportFormat,
    export,
    render,
    to_document_reference,
)
from app.writing.templates import bundled_template

DRAFT = "Subjective\nHeadache for 3 days.\n\nPlan\nParacetamol 1 g QDS prn. <b>not html</b>"
CREATED = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)


def _document(*, signed: bool) -> ExportDocument:
    return ExportDocument(
        title="Clinic note",
        document_type=bundled_template("soap-note").document_type,
        text=DRAFT,
        created=CREATED,
        signed=signed,
        signer="Dr A. Osei" if signed else None,
        signed_at=CREATED + dt.timedelta(hours=1) if signed else None,
        patient_label="Patient 0042",
    )


def test_plain_text_is_the_draft_plus_the_mark_when_unsigned(tmp_path: Path) -> None:
    path = export(_document(signed=False), tmp_path / "n.txt", export_format=ExportFormat.TEXT)
    assert path.read_text(encoding="utf-8") == f"*** {DRAFT_MARK} ***\n\n{DRAFT}"
    signed = export(_document(signed=True), tmp_path / "s.txt", export_format=ExportFormat.TEXT)
    content = signed.read_text(encoding="utf-8")
    assert content.startswith(DRAFT) and DRAFT_MARK not in content and "Dr A. Osei" in content


def test_docx_reopens_with_the_text_and_the_mark(tmp_path: Path) -> None:
    for signed in (False, True):
        path = export(_document(signed=signed), tmp_path / f"{signed}.docx",
                      export_format=ExportFormat.DOCX)
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
        assert "\n".join(paragraphs).count(DRAFT) == 1
        assert (DRAFT_MARK in paragraphs) is (not signed)


def test_docx_survives_control_characters_pasted_into_the_note(tmp_path: Path) -> None:
    pasted = dataclasses.replace(
        _document(signed=False), text="BP 120/80\x0b\x00 HR 72\tregular\x1f"
    )
    path = export(pasted, tmp_path / "pasted.docx", export_format=ExportFormat.DOCX)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "BP 120/80\ufffd\ufffd HR 72\tregular\ufffd" in paragraphs


def test_markdown_and_html_carry_mark_and_escape_text() -> None:
    markdown = render(_document(signed=False), ExportFormat.MARKDOWN).decode()
    assert f"> **{DRAFT_MARK}**" in markdown and "Headache for 3 days." in markdown
    html = render(_document(signed=False), ExportFormat.HTML).decode()
    assert DRAFT_MARK in html and "&lt;b&gt;not html&lt;/b&gt;" in html and "<b>" not in html
    assert "http" not in html
    assert DRAFT_MARK not in render(_document(signed=True), ExportFormat.HTML).decode()


def test_fhir_document_reference_validates_with_status_by_signature() -> None:
    for signed, status in ((False, "preliminary"), (True, "final")):
        document = _document(signed=signed)
        data = json.loads(render(document, ExportFormat.FHIR))
        resource = DocumentReference.model_validate(data)
        assert resource.docStatus == status
        coding = resource.type.coding[0]
        assert (coding.system, coding.code) == ("http://loinc.org", "11506-3")
        attachment = resource.content[0].attachment
        assert attachment.contentType.startswith("text/plain")
        text = base64.b64decode(data["content"][0]["attachment"]["data"]).decode("utf-8")
        assert attachment.data == text.encode("utf-8")
        assert DRAFT in text and (DRAFT_MARK in text) is (not signed)
    assert to_document_reference(_document(signed=True)).authenticator.display == "Dr A. Osei"


def test_export_to_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    from app.writing.errors import ExportError

    with pytest.raises(ExportError):
        export(_document(signed=False), tmp_path / "nope" / "n.txt",
               export_format=ExportFormat.TEXT)


def test_a_full_disk_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    """A real write failure: the file-size limit makes write() fail like a full disk."""
    target = tmp_path / "note.txt"
    target.write_text("previous export", encoding="utf-8")
    script = textwrap.dedent(f"""
        import resource, signal, sys, datetime as dt
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        from app.writing.errors import ExportError
        from app.writing.export import ExportDocument, ExportFormat, export
        from app.writing.templates import DocumentType
        doc = ExportDocument(title="t", document_type=DocumentType("11506-3", "Progress note"),
                             text="x" * 100_000, created=dt.datetime(2026, 1, 1))
        try:
            export(doc, {str(target)!r}, export_format=ExportFormat.TEXT)
        except ExportError:
            sys.exit(3)
    """)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True)
    assert result.returncode == 3, result.stderr.decode()
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]
