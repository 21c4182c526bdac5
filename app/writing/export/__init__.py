"""Note export in every supported format, always written atomically."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from app.writing.export.atomic import write_atomically
from app.writing.export.document import DRAFT_MARK, ExportDocument
from app.writing.export.docx_format import to_docx_bytes
from app.writing.export.fhir_format import to_document_reference, to_fhir_json
from app.writing.export.formats import to_html, to_markdown, to_plain_text


class ExportFormat(StrEnum):
    TEXT = "txt"
    MARKDOWN = "md"
    DOCX = "docx"
    HTML = "html"
    FHIR = "fhir.json"


def render(document: ExportDocument, export_format: ExportFormat) -> bytes:
    if export_format is ExportFormat.DOCX:
        return to_docx_bytes(document)
    text = {
        ExportFormat.TEXT: to_plain_text,
        ExportFormat.MARKDOWN: to_markdown,
        ExportFormat.HTML: to_html,
        ExportFormat.FHIR: to_fhir_json,
    }[export_format](document)
    return text.encode("utf-8")


def export(document: ExportDocument, path: Path, *, export_format: ExportFormat) -> Path:
    """Render and write to the path the user chose; all-or-nothing."""
    return write_atomically(path, render(document, export_format))


__all__ = [
    "DRAFT_MARK",
    "ExportDocument",
    "ExportFormat",
    "export",
    "render",
    "to_document_reference",
    "to_docx_bytes",
    "to_fhir_json",
    "to_html",
    "to_markdown",
    "to_plain_text",
    "write_atomically",
]
