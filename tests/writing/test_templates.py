"""Bundled templates load from assets (also when frozen), round-trip through
JSON and can be duplicated into editable custom copies."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from app.writing import assets
from app.writing.errors import TemplateError
from app.writing.templates import Template, bundled_template, duplicate, load_bundled_templates

EXPECTED_IDS = {"soap-note", "progress-note", "session-summary", "discharge-summary",
                "referral-letter", "patient-letter"}


def test_all_six_bundled_templates_load_with_loinc_and_sections() -> None:
    templates = {t.id: t for t in load_bundled_templates()}
    assert set(templates) == EXPECTED_IDS
    for template in templates.values():
        assert template.document_type.system == "http://loinc.org"
        assert template.document_type.code.count("-") == 1
        assert template.sections and all(s.heading and s.guidance for s in template.sections)
        rules = " ".join(template.instructions)
        assert "Not documented" in rules and "only from the source notes" in rules
        assert "language" in rules and "doses" in rules
    assert bundled_template("discharge-summary").document_type.code == "18842-5"


def test_json_round_trip_is_lossless() -> None:
    for template in load_bundled_templates():
        assert Template.from_json(template.to_json()) == template


def test_duplicate_makes_a_custom_copy_that_remembers_its_origin() -> None:
    original = bundled_template("soap-note")
    copy = duplicate(original, "  Dr K's SOAP  ")
    assert copy.custom and copy.name == "Dr K's SOAP" and copy.id != original.id
    assert copy.based_on == "soap-note@1.0.0"
    assert copy.sections == original.sections
    assert duplicate(original, "x").id != duplicate(original, "x").id
    with pytest.raises(TemplateError):
        duplicate(original, "   ")


def test_malformed_template_json_raises_a_template_error() -> None:
    data = json.loads(bundled_template("soap-note").to_json())
    del data["sections"]
    for bad in ("not json", json.dumps(data), json.dumps({**data, "schema": 99}), "[]"):
        with pytest.raises(TemplateError) as caught:
            Template.from_json(bad)
        assert caught.value.user_message == TemplateError.user_message


def test_frozen_build_reads_assets_from_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(assets.assets_root() / "templates", tmp_path / "assets" / "templates")
    only = tmp_path / "assets" / "templates"
    for path in only.glob("*.json"):
        if path.stem != "referral-letter":
            path.unlink()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets.assets_root() == tmp_path / "assets"
    assert [t.id for t in load_bundled_templates()] == ["referral-letter"]
