"""FHIR DocumentReference export, validated before it is written.

fhir.resources 8.x models R5 at its top level; the note is built with its
R4B models, whose DocumentReference is structurally the same as R4's (same
elements, same docStatus codes), so the JSON is a valid R4 resource.
docStatus is ``preliminary`` until the note is signed and ``final`` after;
the note travels as a base64 text/plain attachment (with the draft mark
when unsigned, exactly as the plain-text export)."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from typing import Any

from fhir.resources.R4B.documentreference import DocumentReference
from pydantic import ValidationError

from app.writing.errors import ExportError
from app.writing.export.document import ExportDocument
from app.writing.export.formats import to_plain_text


def to_document_reference(document: ExportDocument) -> DocumentReference:
    try:
        return DocumentReference.model_validate(_resource_dict(document))
    except ValidationError as error:
        raise ExportError(detail=f"FHIR validation failed: {error.error_count()} errors") from error


def to_fhir_json(document: ExportDocument) -> str:
    return to_document_reference(document).model_dump_json(indent=2)


def _resource_dict(document: ExportDocument) -> dict[str, Any]:
    payload = to_plain_text(document).encode("utf-8")
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": str(uuid.uuid4()),
        "status": "current",
        "docStatus": "final" if document.signed else "preliminary",
        "type": {"coding": [{
            "system": document.document_type.system,
            "code": document.document_type.code,
            "display": document.document_type.display,
        }]},
        "date": _instant(document.signed_at if document.signed and document.signed_at
                         else document.created),
        "description": document.title,
        "content": [{"attachment": {
            "contentType": "text/plain; charset=utf-8",
            "language": "en",
            "data": base64.b64encode(payload).decode("ascii"),
            "title": document.title,
            "creation": _instant(document.created),
        }}],
    }
    if document.patient_label:
        resource["subject"] = {"display": document.patient_label}
    if document.signed and document.signer:
        resource["authenticator"] = {"display": document.signer}
        resource["author"] = [{"display": document.signer}]
    return resource


def _instant(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.isoformat(timespec="seconds")
