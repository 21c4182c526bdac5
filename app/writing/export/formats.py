"""Plain text, Markdown and print-ready HTML renderings of a note.  The
unsigned-draft mark always comes first so nobody can miss it; the note text
itself is never altered (text export = mark + draft, byte for byte)."""

from __future__ import annotations

import html

from app.writing.export.document import DRAFT_MARK, ExportDocument


def to_plain_text(document: ExportDocument) -> str:
    parts = []
    if document.needs_draft_mark:
        parts.append(f"*** {DRAFT_MARK} ***\n\n")
    parts.append(document.text)
    signature = document.signature_line()
    if signature:
        parts.append(f"\n\n{signature}\n")
    return "".join(parts)


def to_markdown(document: ExportDocument) -> str:
    lines = [f"# {_md_escape(document.title)}", ""]
    if document.needs_draft_mark:
        lines += [f"> **{DRAFT_MARK}**", ""]
    lines += [f"*{_md_escape(document.document_type.display)}*", ""]
    lines.append(document.text.replace("\n", "  \n"))
    signature = document.signature_line()
    if signature:
        lines += ["", f"*{_md_escape(signature)}*"]
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]#<>" else c for c in text)


_STYLE = (
    "body{font-family:sans-serif;font-size:11pt;margin:2cm}"
    ".draft-mark{border:2px solid #b00020;color:#b00020;font-weight:bold;padding:6pt;"
    "text-align:center;margin-bottom:12pt}"
    ".note{white-space:pre-wrap}.meta{color:#555}"
)


def to_html(document: ExportDocument) -> str:
    """Self-contained HTML (no external resources) for printing to PDF."""
    esc = html.escape
    body = [f"<h1>{esc(document.title)}</h1>"]
    if document.needs_draft_mark:
        body.append(f'<div class="draft-mark">{esc(DRAFT_MARK)}</div>')
    meta = [document.document_type.display, document.created.isoformat(timespec="minutes")]
    if document.patient_label:
        meta.insert(0, document.patient_label)
    body.append(f'<p class="meta">{esc(" · ".join(meta))}</p>')
    body.append(f'<div class="note">{esc(document.text)}</div>')
    signature = document.signature_line()
    if signature:
        body.append(f'<p class="signature">{esc(signature)}</p>')
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{esc(document.title)}</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
