"""Lab results, scores and other numbers without a unit.

Notes give most results as a name and a bare number ("Na 131", "trop 45",
"lac 3.1"), and a draft writes the same result out ("sodium 131").  Each
analyte has one key for all its spellings, so the check can tell that
"sodium 121" contradicts "Na 131" even when 121 is written elsewhere in the
notes.  Short abbreviations are read only as written ("Na", "K", "Ca") and
right before their value, because "ca" is also cancer and "k" a thousand.

Every other number a draft writes with digits is a fact too: a value no
extractor recognises ("was 6.4", "a drop of 45") is still a value the
clinician has to be able to find in the notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.numbers import digits_after

_I = re.IGNORECASE

# "sodium chloride 0.9%" and "potassium chloride 40 mmol" are fluids, not results.
_NOT_A_SALT = r"(?!\s+(?:chloride|bicarbonate|valproate|citrate|docusate|picosulfate|phosphate))"
# canonical key -> spellings read in any case, with up to a few words before the value
NAMED_LABS: dict[str, str] = {
    "na": rf"sodium{_NOT_A_SALT}", "k": rf"potassium{_NOT_A_SALT}", "urea": r"urea",
    "cr": r"creatinine|creat",
    "wcc": r"white cell count|white cells|white blood cells?|wbc|wcc|leukocytes",
    "plt": r"platelets?|plts?", "inr": r"inr", "lactate": r"lactate|lac",
    "trop": r"troponin|trop(?:onin)?\s*[it]?", "ketones": r"ketones?|ketone level",
    "glucose": r"glucose|blood sugar|capillary glucose|cbg", "bili": r"bilirubin|bili",
    "alt": r"alt", "ast": r"ast", "alp": r"alp|alkaline phosphatase", "alb": r"albumin|alb",
    "mg": r"magnesium", "phos": r"phosphate|phosphorus|phos",
    "ca": r"(?:adjusted |corrected )?calcium",
    "hco3": r"bicarbonate|bicarb|hco3", "ph": r"ph", "li": r"lithium level|lithium|li level",
    "hba1c": r"hba1c|a1c", "ferritin": r"ferritin", "b12": r"b12|vitamin b12",
    "folate": r"folate", "vitd": r"vitamin d", "chol": r"total cholesterol|cholesterol|t?chol",
    "ldl": r"ldl", "hdl": r"hdl", "tg": r"triglycerides", "acr": r"acr",
    "calprotectin": r"calprotectin", "ck": r"ck|creatine kinase", "amylase": r"amylase",
    "lipase": r"lipase", "ddimer": r"d-?dimer", "bnp": r"nt-?probnp|bnp",
    "neut": r"neutrophils?|neuts|anc", "lymph": r"lymphocytes?", "mcv": r"mcv",
    "pefr": r"pefr|peak flow|peak expiratory flow", "fev1": r"fev1", "fvc": r"fvc",
    "qrisk": r"qrisk3?", "apgar": r"apgars?", "news": r"news2?", "curb": r"curb-?65",
    "nihss": r"nihss", "bishop": r"bishop score", "ciwa": r"ciwa(?:-ar)?", "must": r"must score",
    "waterlow": r"waterlow", "abpi": r"abpi", "viral": r"viral load", "cd4": r"cd4(?: count)?",
    "tacrolimus": r"tacrolimus level", "vanc": r"vancomycin level", "dig": r"digoxin level",
    "t4": r"free t4|ft4|t4", "ca125": r"ca-?125", "cea": r"cea", "afp": r"afp",
    "gcs": r"gcs|glasgow coma score", "edinburgh": r"edinburgh|epds", "core10": r"core-?10",
    "lvef": r"lvef|ejection fraction|ef", "paracetamol": r"paracetamol level",
    "salicylate": r"salicylate level", "osm": r"osmolality", "hb": r"ha?emoglobin|hb",
    "crp": r"crp", "esr": r"esr", "egfr": r"egfr", "tsh": r"tsh", "psa": r"psa",
    "bmi": r"bmi", "phq9": r"phq-?9", "gad7": r"gad-?7", "mmse": r"mmse", "moca": r"moca",
    "audit": r"audit(?:-c)?", "chads": r"cha2ds2-?vasc", "hasbled": r"has-?bled",
    "panss": r"panss", "ybocs": r"y-?bocs", "hamd": r"ham-?d", "das28": r"das-?28",
    "antihbs": r"anti-?hbs", "bun": r"bun|blood urea nitrogen",
}
# case-sensitive abbreviations, read only when the value follows at once
SHORT_LABS: dict[str, str] = {
    "na": r"Na\+?", "k": r"K\+?", "urea": r"Ur", "cr": r"Cr", "mg": r"Mg", "ca": r"Ca",
    "phos": r"PO4", "li": r"Li", "hb": r"Hgb", "lactate": r"Lac", "glucose": r"BG|BSL|BM",
    "plt": r"Plt|PLT", "tg": r"TG",
}
# A result's unit belongs to its span, so the clinician sees "7.8%", not "7.8".
_UNIT = (r"((?i:\s*(?:%|(?:[mµunp]?mol|[mnpµu]?g|m?iu|u|cells|x\s*10\^?9)\s*/\s*"
         r"(?:l|dl|ml|mol)\b))?)")


def _analytes(table: dict[str, str]) -> str:
    """One alternative per analyte, each a named group: the match says which."""
    return "|".join(f"(?P<{key}>{pattern})" for key, pattern in table.items())


def _analyte(match: re.Match[str]) -> str:
    return next(name for name, value in match.groupdict().items() if value is not None)


_NAMED_RE = re.compile(
    r"\b(" + _analytes(NAMED_LABS) + r")\b"
    rf"(?:[^\d\n.;:]{{0,25}}?|\s*[:=]\s*)(?<![\w-])(\d+(?:\.\d+)?)(?![\d/]|\.\d|:\d){_UNIT}",
    _I,
)
_SHORT_RE = re.compile(
    r"(?<![\w/])(" + _analytes(SHORT_LABS)
    + rf")(?:\s*[:=]?\s*)(\d+(?:\.\d+)?)(?![\d/]|\.\d|:\d){_UNIT}",
)
# "39.2 °C", "101.3°F", "38 degrees C": a temperature whatever its label.
TEMPERATURE_RE = re.compile(
    r"(?<![\w.])(\d{2,3}(?:\.\d)?)\s*(?:°\s*|degrees?\s+|deg\s+)(C|F|celsius|centigrade|fahrenheit)\b",
    _I,
)
# Any number written in digits, not inside a word ("QRISK3") or a longer number.
BARE_NUMBER_RE = re.compile(r"(?<![\w.,/:+-])(?<![\w][.,])\d+(?:\.\d+)?(?![\w]|[.,]\d)")


def lab_values(text: str) -> Iterator[Fact]:
    """(analyte, value) for each named result: the value alone is the fact's span."""
    for pattern in (_NAMED_RE, _SHORT_RE):
        for m in pattern.finditer(text):
            key = _analyte(m)
            value_group = len(m.groups()) - 1
            end = m.end(value_group + 1) if m.group(value_group + 1) else m.end(value_group)
            yield Fact(FactKind.MEASUREMENT, text[m.start(value_group):end], m.start(value_group),
                       end, (key, float(m.group(value_group))))
            yield from _later_values(text, end, key)


# "GAD-7 fell from 16 to 12", "CRP 186 -> 92": the later values are the same result's.
_THEN_VALUE = re.compile(r"\s*(?:->|→|=>|\bto\b|\bthen\b|\bnow\b)\s*(\d+(?:\.\d+)?)(?![\d/])")


def _later_values(text: str, end: int, key: str) -> Iterator[Fact]:
    while (m := _THEN_VALUE.match(text, end)) is not None:
        end = m.end()
        yield Fact(FactKind.MEASUREMENT, m.group(1), m.start(1), m.end(1), (key, float(m.group(1))))


def result_unit(fact: Fact) -> str | None:
    """The unit written with a named result ("118 mg/dL" -> "mg/dl"), if any."""
    unit = re.sub(r"[\d.\s]", "", fact.text).casefold().replace("µ", "u")
    return unit or None


def temperatures(text: str) -> Iterator[Fact]:
    for m in TEMPERATURE_RE.finditer(text):
        value = float(m.group(1))
        if m.group(2).casefold().startswith("f"):
            value = round((value - 32) * 5 / 9, 1)
        yield Fact(FactKind.VITAL, m.group(0), m.start(), m.end(), ("temp", value))


def bare_numbers(text: str) -> Iterator[Fact]:
    """Numbers no other extractor claimed (it runs last), but not the number
    of an item in a numbered list ("4. Home if ...")."""
    markers = {m.start(1) for m in _LIST_MARKER.finditer(text)}
    for m in BARE_NUMBER_RE.finditer(text):
        if m.start() in markers:
            continue
        yield Fact(FactKind.MEASUREMENT, m.group(0), m.start(), m.end(),
                   ("number", float(m.group(0))))


_LIST_MARKER = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]", re.MULTILINE)
_LABEL_NAMED_RE = re.compile(r"\b(?:" + _analytes(NAMED_LABS) + r")\b", _I)
_LABEL_SHORT_RE = re.compile(r"(?<![\w/])(?:" + _analytes(SHORT_LABS) + r")(?=\s*[:=]?\s*\d)")
LAB_WINDOW = 40


def lab_windows(text: str) -> dict[str, set[float]]:
    """For each analyte the notes name, every number written after a mention
    of it and before the next result ("CRP 186 (from 240)" gives CRP both)."""
    labels = sorted(
        (m.start(), m.end(), _analyte(m))
        for pattern in (_LABEL_NAMED_RE, _LABEL_SHORT_RE)
        for m in pattern.finditer(text)
    )
    windows: dict[str, set[float]] = {}
    for index, (_start, end, key) in enumerate(labels):
        next_label = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        limit = min(end + LAB_WINDOW, next_label)
        numbers = {float(n) for n in digits_after(text, end, limit, dates=False)}
        windows.setdefault(key, set()).update(numbers)
    return windows
