"""Clinical document templates: versioned data, not code.

Bundled templates are JSON files in `assets/templates/` so clinicians and
reviewers can read and change them without touching Python, and every draft
can record which template version produced it.  A clinician customises a
template by duplicating it; the copy is serialised with `to_json()` and kept
by the note store as opaque text, then revived with `from_json()`.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from app.writing.assets import asset_path
from app.writing.errors import TemplateError

SCHEMA_VERSION = 1
LOINC_SYSTEM = "http://loinc.org"


@dataclass(frozen=True)
class DocumentType:
    """The LOINC document type a FHIR DocumentReference carries."""

    code: str
    display: str
    system: str = LOINC_SYSTEM


@dataclass(frozen=True)
class Section:
    heading: str
    guidance: str


@dataclass(frozen=True)
class Template:
    """One document type: its sections and the drafting instructions."""

    id: str
    name: str
    version: str
    document_type: DocumentType
    sections: tuple[Section, ...]
    instructions: tuple[str, ...]
    description: str = ""
    based_on: str | None = None
    custom: bool = field(default=False)

    def to_json(self) -> str:
        return json.dumps(_template_to_dict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Template:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise TemplateError(detail=f"not JSON: {error.msg}") from error
        return _template_from_dict(data)


def _template_to_dict(template: Template) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "id": template.id,
        "name": template.name,
        "version": template.version,
        "description": template.description,
        "document_type": {
            "system": template.document_type.system,
            "code": template.document_type.code,
            "display": template.document_type.display,
        },
        "sections": [{"heading": s.heading, "guidance": s.guidance} for s in template.sections],
        "instructions": list(template.instructions),
        "based_on": template.based_on,
        "custom": template.custom,
    }


def _template_from_dict(data: Any) -> Template:
    if not isinstance(data, dict):
        raise TemplateError(detail="template is not a JSON object")
    if data.get("schema") != SCHEMA_VERSION:
        raise TemplateError(detail=f"unsupported template schema {data.get('schema')!r}")
    try:
        doc_type = data["document_type"]
        return Template(
            id=_text(data["id"]),
            name=_text(data["name"]),
            version=_text(data["version"]),
            description=str(data.get("description", "")),
            document_type=DocumentType(
                code=_text(doc_type["code"]),
                display=_text(doc_type["display"]),
                system=_text(doc_type.get("system", LOINC_SYSTEM)),
            ),
            sections=tuple(
                Section(heading=_text(s["heading"]), guidance=str(s.get("guidance", "")))
                for s in data["sections"]
            ),
            instructions=tuple(_text(line) for line in data["instructions"]),
            based_on=data.get("based_on"),
            custom=bool(data.get("custom", False)),
        )
    except (KeyError, TypeError) as error:
        raise TemplateError(detail=f"template field missing or wrong type: {error}") from error


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected non-empty text, got {type(value).__name__}")
    return value


def load_bundled_templates() -> tuple[Template, ...]:
    """Every template shipped in assets/templates, ordered by name."""
    folder = asset_path("templates")
    if not folder.is_dir():
        raise TemplateError(detail=f"template folder missing: {folder}")
    templates = []
    for path in sorted(folder.glob("*.json")):
        try:
            templates.append(Template.from_json(path.read_text(encoding="utf-8")))
        except TemplateError as error:
            raise TemplateError(detail=f"{path.name}: {error.detail}") from error
    return tuple(sorted(templates, key=lambda t: t.name.casefold()))


def bundled_template(template_id: str) -> Template:
    for template in load_bundled_templates():
        if template.id == template_id:
            return template
    raise TemplateError(detail=f"no bundled template {template_id!r}")


def duplicate(template: Template, new_name: str) -> Template:
    """A clinician's editable copy: new id, version 1, remembers its origin."""
    name = new_name.strip()
    if not name:
        raise TemplateError("A template needs a name.", detail="empty name")
    return replace(
        template,
        id=f"custom-{_slug(name)}-{uuid.uuid4().hex[:8]}",
        name=name,
        version="1.0.0",
        based_on=f"{template.id}@{template.version}",
        custom=True,
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "template"
