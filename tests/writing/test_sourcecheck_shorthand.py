"""Clinical shorthand in source notes supports the same fact written out in a
draft, and a changed value is still flagged: times without a colon, "n/12"
durations, month/year and day/month dates, shorthand frequencies."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("Triage 0412, ECG at 0415: ST elevation.", "Triaged at 04:12.", "Triaged at 04:21."),
        ("Fell off bicycle ~2130.", "She fell at about 21:30.", "She fell at about 20:30."),
        ("IOP @ 1030.", "Pressure measured at 10:30.", "Pressure measured at 11:30."),
    ],
)
def test_24_hour_times_without_a_colon(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["time"]


def test_a_dose_or_a_year_is_not_read_as_a_clock_time() -> None:
    assert _flags("Aspirin 1200mg.", "Seen at 12:00.") == [("time", "12:00")]


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("Euthymic 18/12.", "Euthymic for 18 months.", "Euthymic for 8 months."),
        ("Rv 2/52.", "Review in 2 weeks.", "Review in 4 weeks."),
        ("Coryzal 3/7.", "Three days of coryza.", "Five days of coryza."),
        ("Ibuprofen TDS x5d.", "Ibuprofen three times a day for five days.",
         "Ibuprofen three times a day for ten days."),
        ("Diagnosed at 26/40.", "Diagnosed at 26 weeks.", "Diagnosed at 32 weeks."),
        ("Now 29+4/40.", "She is 29 weeks pregnant.", "Review in 4 weeks."),
    ],
)
def test_fraction_durations(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["duration"]


def test_a_range_is_supported_by_its_ends_given_apart() -> None:
    source = "Interval 8/52 -> extend to 10/52."
    assert _flags(source, "Interval extended from 8 to 10 weeks.") == []
    assert _flags(source, "Interval extended from 8 to 12 weeks.") != []


def test_cycle_day_and_service_names_are_not_durations() -> None:
    source = "Docetaxel C2 D8. 2WW referral."
    assert _flags(source, "Docetaxel, cycle 2 day 8. Two-week-wait referral.") == []


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("eGFR 25 in 04/2026.", "eGFR 25 in April 2026.", "eGFR 25 in May 2026."),
        ("Level 0.72 (14/06).", "Level 0.72 on 14 June.", "Level 0.72 on 15 June."),
    ],
)
def test_month_year_and_day_month_dates(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["date"]


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("Quetiapine 50mg ON.", "Quetiapine 50 mg at night.", "Quetiapine 50 mg in the morning."),
        ("Furosemide 40mg OM.", "Furosemide 40 mg in the morning.", "Furosemide 40 mg at night."),
        ("Obs 4hrly.", "Observations every 4 hours.", "Observations every 2 hours."),
        ("Bloods q2wks.", "Bloods every 2 weeks.", "Bloods every 4 weeks."),
        ("FBC 4-weekly.", "Full blood count every 4 weeks.", "Full blood count every 2 weeks."),
        ("TFTs 3 monthly.", "Thyroid tests every 3 months.", "Thyroid tests every 6 months."),
    ],
)
def test_shorthand_frequencies(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["frequency"]
