"""DOCX export with python-docx: a heading, the red draft mark when
unsigned, one paragraph per line of the note, and the signature."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import RGBColor

from app.writing.export.document import DRAFT_MARK, ExportDocument


def to_docx_bytes(document: ExportDocument) -> bytes:
    doc = Document()
    doc.core_properties.title = document.title
    doc.add_heading(document.title, level=1)
    if document.needs_draft_mark:
        run = doc.add_paragraph().add_run(DRAFT_MARK)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    doc.add_paragraph().add_run(document.document_type.display).italic = True
    for line in document.text.split("\n"):
        doc.add_paragraph(line)
    signature = document.signature_line()
    if signature:
        doc.add_paragraph(signature)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
