"""DOCX export with python-docx: a heading, the red draft mark when
unsigned, one paragraph per line of the note, and the signature.

DOCX is XML 1.0, which cannot hold most C0 control characters; python-docx
raises a bare ValueError on them.  Text pasted from other systems can carry
them, so each one is shown as U+FFFD rather than failing the export.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.shared import RGBColor

from app.writing.export.document import DRAFT_MARK, ExportDocument

_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML_CHARS.sub("\ufffd", text)


def to_docx_bytes(document: ExportDocument) -> bytes:
    doc = Document()
    title = xml_safe(document.title)
    doc.core_properties.title = title
    doc.add_heading(title, level=1)
    if document.needs_draft_mark:
        run = doc.add_paragraph().add_run(DRAFT_MARK)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    doc.add_paragraph().add_run(document.document_type.display).italic = True
    for line in document.text.split("\n"):
        doc.add_paragraph(xml_safe(line))
    signature = document.signature_line()
    if signature:
        doc.add_paragraph(xml_safe(signature))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
