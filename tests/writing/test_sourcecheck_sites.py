"""A side is checked together with the body site it belongs to: each rule has
a case the source supports and the same case with the side changed, which
must still be flagged."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.sites import compatible, sided_sites


def _sides_flagged(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "laterality"]


def _swapped(text: str) -> str:
    return text.replace("left", "@").replace("right", "left").replace("@", "right")


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        # an R written for another site does not support "right wrist"
        ("Synovitis L wrist, R 2nd/3rd MCPs.",
         "Synovitis of the left wrist and the right second and third metacarpophalangeal joints."),
        # site before the side in the source
        ("SLR pos R at 40deg.", "Straight leg raise positive on the right at 40 degrees."),
        ("CT: 5mm R VUJ stone.", "A 5 mm stone at the right vesicoureteric junction."),
        ("Acute hot swollen L 1st MTPJ.", "Hot swollen left first metatarsophalangeal joint."),
        # an L after a number is a side when a site follows it
        ("Clinic BP 152/94 L arm.", "Blood pressure 152/94 in the left arm."),
        ("Hemiarthroplasty L hip.", "Fracture of the left neck of femur."),
        ("Sore throat, worse L side. L peritonsillar swelling.", "Swelling of the left tonsil."),
    ],
)
def test_a_side_is_supported_only_for_a_compatible_site(source: str, draft: str) -> None:
    assert _sides_flagged(source, draft) == []
    assert _sides_flagged(source, _swapped(draft)) != []


def test_one_side_of_a_site_does_not_support_the_other_sites_side() -> None:
    source = "Synovitis L wrist, R 2nd/3rd MCPs."
    assert _sides_flagged(source, "Synovitis of the right wrist.") == ["right"]


def test_bilateral_does_not_support_one_side() -> None:
    source = "Mild ankle oedema bilat."
    assert _sides_flagged(source, "Mild oedema of both ankles.") == []
    assert _sides_flagged(source, "Mild oedema of the left ankle.") == ["left"]


def test_bilateral_is_supported_by_both_sides_given_apart() -> None:
    source = "Effusion R knee, L knee."
    assert _sides_flagged(source, "Bilateral knee effusions.") == []
    assert _sides_flagged("Effusion R knee.", "Bilateral knee effusions.") == ["Bilateral"]


def test_a_side_without_a_site_is_matched_as_a_bare_side() -> None:
    source = "VA R 6/12, L 6/36."
    assert _sides_flagged(source, "Acuity 6/12 on the right and 6/36 on the left.") == []
    assert _sides_flagged("VA L 6/36.", "Acuity 6/12 on the right.") == ["right"]


def test_sites_are_bound_in_either_direction_and_litres_are_not_sides() -> None:
    found = {(s.side, tuple(sorted(s.sites))) for s in sided_sites(
        "Tongue bitten L side. Given 2 L fluid. RUQ pain.", nearest=False)}
    assert found == {("left", ("tongue",)), ("right", ("upper quadrant",))}


def test_site_hierarchy_links_a_part_to_its_whole() -> None:
    assert compatible("mcp", "hand") and compatible("arm", "wrist")
    assert not compatible("wrist", "knee")
