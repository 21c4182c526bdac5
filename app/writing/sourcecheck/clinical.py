"""Routes of administration, laterality and medication names.

Medication names come from the offline lexicon of the
drug-named-entity-recognition package (generic and brand names map to one
canonical name, so "Tylenol" supports "paracetamol").  A handful of common
prescribing abbreviations the lexicon lacks are expanded first, and so are the
brands and generics it lacks (lexicon_gaps).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from drug_named_entity_recognition import find_drugs

from app.writing.sourcecheck import lexicon_gaps, sites
from app.writing.sourcecheck.model import Fact, FactKind

_I = re.IGNORECASE
ROUTES: dict[str, str] = {
    r"by mouth|orally|oral|per os|p\.o\.": "oral",
    r"intravenous(?:ly)?|i\.v\.|(?:into|through|via) (?:a|the|your|his|her) (?:vein|drip)": "iv",
    r"intramuscular(?:ly)?|i\.m\.|into (?:a|the|your|his|her) muscle": "im",
    r"subcutaneous(?:ly)?|subcut|s/c|under the skin": "sc",
    r"sublingual(?:ly)?|under the tongue": "sl",
    r"rectal(?:ly)?|per rectum": "pr",
    r"vaginally|per vaginam|vaginal(?= (?:pessary|pessaries|cream|gel|tablet|ring|insert))": "pv",
    r"topical(?:ly)?": "topical",
    r"inhaled|inhaler|via spacer|(?:metered[- ]dose |dry powder )inhaler|mdi": "inhaled",
    r"nebuli[sz]ed|nebuli[sz]er|nebs?": "nebulised",
    r"(?:via|through|by|per|down) (?:an? |the |his |her |their )?(?:nasogastric|NG|nasojejunal|NJ"
    r"|PEG|gastrostomy|enteral|feeding)(?: tube)?": "enteral tube",
    r"intratympanic(?:ally)?": "intratympanic", r"intralesional(?:ly)?": "intralesional",
    r"transdermal(?:ly)?": "transdermal",
    r"intranasal(?:ly)?|nasal spray": "nasal",
    r"buccal(?:ly)?": "buccal", r"intravitreal(?:ly)?": "intravitreal",
    r"subconjunctival(?:ly)?": "subconjunctival", r"intrathecal(?:ly)?": "intrathecal",
    r"epidural(?:ly)?": "epidural", r"intra-?articular(?:ly)?": "intra-articular",
    r"intradermal(?:ly)?": "intradermal", r"intraosseous(?:ly)?": "io",
}
ROUTE_ABBREVIATIONS = {"PO": "oral", "IV": "iv", "IM": "im", "SC": "sc", "SQ": "sc",
                       "SL": "sl", "PR": "pr", "PV": "pv", "INH": "inhaled"}
# "nil by mouth" forbids a route; it does not give one.
_NOTHING_BEFORE = re.compile(r"\b(?:nil|nothing)\s+$", _I)
_NOT_A_ROUTE_BEFORE = re.compile(r"(?:stage|grade|class|type|cn|nerve)\s*$", _I)
_NOT_A_ROUTE_AFTER = re.compile(
    r"^\s*(?:rehydration|hygiene|cavity|mucosa|intake|exam|examination|bleeding|temperature"
    r"|tone|swab|discharge|loss|dryness|delivery)",
    _I,
)


def routes(text: str) -> Iterator[Fact]:
    for pattern, route in ROUTES.items():
        for m in re.finditer(rf"(?<![\w/])(?:{pattern})(?![\w/])", text, _I):
            nil_by_mouth = _NOTHING_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
            if not _NOT_A_ROUTE_AFTER.match(text[m.end() :]) and not nil_by_mouth:
                yield Fact(FactKind.ROUTE, m.group(0), m.start(), m.end(), (route,))
    for abbreviation, route in ROUTE_ABBREVIATIONS.items():
        for m in re.finditer(rf"(?<![\w/]){abbreviation}(?![\w/])", text):
            if not (_NOT_A_ROUTE_BEFORE.search(text[: m.start()])
                    or _NOT_A_ROUTE_AFTER.match(text[m.end() :])):
                yield Fact(FactKind.ROUTE, m.group(0), m.start(), m.end(), (route,))


SIDES = {
    "left": "left", "right": "right", "lt": "left", "rt": "right",
    "bilateral": "bilateral", "bilaterally": "bilateral", "bilat": "bilateral",
}
SIDE_RE = re.compile(
    r"\b(left|right|lt|rt|bilateral(?:ly)?|bilat)\b|\b(?:on\s+)?(both sides)\b"
    r"|(?<!\d\s)\b([LR])(?=(?:-sided|\s+[a-z]{2,}\b))",
    _I,
)
# Anatomical abbreviations that carry a side, seen only in source notes.
SIDED_ABBREVIATIONS = {
    "LA": "left", "LV": "left", "LVEF": "left", "LVH": "left", "LLE": "left", "LUE": "left",
    "LLQ": "left", "LUQ": "left", "LIF": "left", "LBBB": "left",
    "RV": "right", "RLE": "right", "RUE": "right", "RLQ": "right", "RUQ": "right",
    "RIF": "right", "RBBB": "right",
}
_PART_SKIP = {"sided", "side", "of", "the", "and", "a", "an", "on", "in", "at", "with", "is"}


def laterality(text: str, *, liberal: bool = False) -> Iterator[Fact]:
    """Each side mention with up to two following body-part words (an L or R
    after a number is litres, not a side), anchored to its nearest body site.

    `liberal` also reads lone R/L before non-words ("R L4-L5") and sided
    abbreviations (LA, RLE): used on source notes, where finding support
    matters more than precision."""
    bound = {s.start: s for s in sites.sided_sites(text, nearest=True)}
    for m in SIDE_RE.finditer(text):
        word = (m.group(1) or m.group(2) or m.group(3)).casefold()
        if m.group(3) and not m.group(3).isupper():
            continue
        fallback = "left" if word == "l" else "right"
        side = "bilateral" if word == "both sides" else SIDES.get(word, fallback)
        sided = bound.get(m.start())
        site = min(sided.sites) if sided is not None and sided.sites else None
        yield Fact(FactKind.LATERALITY, m.group(0), m.start(), m.end(),
                   (side, _part_words(text[m.end() : m.end() + 40])), anchor=site)
    if liberal:
        pattern = r"\b(" + "|".join(SIDED_ABBREVIATIONS) + r")\b|(?<![\w-])(?<!\d\s)([LR])(?=[\s-])"
        for m in re.finditer(pattern, text):
            side = SIDED_ABBREVIATIONS.get(m.group(0)) or ("left" if m.group(0) == "L" else "right")
            yield Fact(FactKind.LATERALITY, m.group(0), m.start(), m.end(), (side, ()))


def _part_words(following: str) -> tuple[str, ...]:
    clause = re.split(r"[,.;:\n()]", following, maxsplit=1)[0]
    words = [w.casefold() for w in re.findall(r"[A-Za-z]{2,}", clause)]
    return tuple(w for w in words if w not in _PART_SKIP)[:2]


MEDICATION_ABBREVIATIONS = {
    "gtn": "glyceryl trinitrate", "hctz": "hydrochlorothiazide", "mtx": "methotrexate",
    "asa": "aspirin", "apap": "acetaminophen", "txa": "tranexamic acid", "dex": "dexamethasone",
    "li": "lithium", "na": "sodium", "kcl": "potassium chloride", "nacl": "sodium chloride",
    "vit": "vitamin", "bicarb": "bicarbonate", "hco3": "bicarbonate", "abx": "antibiotics",
    "pred": "prednisolone", "adrenaline": "epinephrine", "noradrenaline": "norepinephrine",
    # common shortenings of drug names in notes
    "hcq": "hydroxychloroquine", "ntg": "nitroglycerin", "doxy": "doxycycline",
    "clarithro": "clarithromycin", "azithro": "azithromycin", "amox": "amoxicillin",
    "fluclox": "flucloxacillin", "cipro": "ciprofloxacin", "ssz": "sulfasalazine",
    "aza": "azathioprine", "mmf": "mycophenolate mofetil", "co-amox": "co-amoxiclav",
    # standard abbreviations of drugs and regimens (TB, HIV, thyroid, toxicology)
    "nac": "acetylcysteine", "cmz": "carbimazole", "ptu": "propylthiouracil",
    "cyc": "cyclophosphamide", "mgso4": "magnesium sulfate", "caco3": "calcium carbonate",
    "epo": "erythropoietin", "ppi": "proton pump inhibitor", "rif": "rifampicin",
    "emb": "ethambutol", "pza": "pyrazinamide", "rhze": "rifampicin isoniazid pyrazinamide "
    "ethambutol", "hrze": "isoniazid rifampicin pyrazinamide ethambutol",
    "tld": "tenofovir lamivudine dolutegravir",
    "tdf": "tenofovir", "dtg": "dolutegravir", "efv": "efavirenz",
}
# Abbreviations that are also ordinary words are read only as written ("HAS" is
# human albumin solution, "has" is a verb; German "ASS" is aspirin; "PAM"
# pralidoxime), and "pen" only before "V".
CASED_ABBREVIATIONS = {"HAS": "human albumin solution", "NS": "normal saline", "ASS": "aspirin",
                       "PAM": "pralidoxime", "IFA": "ferrous sulfate folic acid"}
PAIRED_ABBREVIATIONS = {("pen", "v"): "phenoxymethylpenicillin"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
# "potassium 5.4, bicarbonate 19" is two lab results, not potassium bicarbonate.
_NOT_ONE_NAME = re.compile(r"[^\sA-Za-z0-9-]|\d\s")


# Lexicon entries that in clinical notes are nearly always tests or nutrients.
NOT_MEDICATIONS = {
    "antibodies", "antibody", "rheumatoid factor", "glucose", "oxygen", "water", "alcohol",
    "sodium", "potassium", "calcium", "iron", "vitamin", "protein", "bicarbonate",
    "calprotectin", "troponin", "troponin i", "troponin t", "procalcitonin",
    "beta-hydroxybutyrate", "norclozapine", "opioid", "opioids", "opiate", "opiates",
    "benzodiazepine", "benzodiazepines", "amphetamine", "amphetamines",
    "caps",  # capsules, not the CAPS buffer
}


def _expanded(word: str, following: str) -> str:
    """"KCl" -> "potassium chloride"; "door-to-abx" -> "antibiotics"."""
    paired = PAIRED_ABBREVIATIONS.get((word.casefold(), following.casefold()))
    if paired:
        return paired
    whole = (CASED_ABBREVIATIONS.get(word) or MEDICATION_ABBREVIATIONS.get(word.casefold())
             or lexicon_gaps.EXPANSIONS.get(word.casefold()))
    if whole:
        return whole
    last = word.rsplit("-", 1)[-1].casefold()
    if "-" in word and last in MEDICATION_ABBREVIATIONS:
        return MEDICATION_ABBREVIATIONS[last]
    return _BRITISH_SULPH.sub("sulf", word)  # the lexicon spells "ferrous sulfate"


_BRITISH_SULPH = re.compile(r"sulph", re.IGNORECASE)


def _next_word(text: str, token: re.Match[str], after: re.Match[str]) -> str:
    """The following word when only spaces separate the two, else ""."""
    return after.group(0) if text[token.end() : after.start()].isspace() else ""


def medications(text: str) -> Iterator[Fact]:
    tokens = list(_WORD_RE.finditer(text))
    if not tokens:
        return
    following = [_next_word(text, t, after) for t, after in pairwise(tokens)]
    following.append("")
    words = [_expanded(t.group(0), after) for t, after in zip(tokens, following, strict=True)]
    expanded: list[str] = []
    origin: list[int] = []
    for index, word in enumerate(words):
        for part in word.split():
            expanded.append(part)
            origin.append(index)
    for drug, first, last in find_drugs(expanded, is_ignore_case=True):
        start_token = tokens[origin[first]]
        end_token = tokens[origin[last - 1]]
        name = text[start_token.start() : end_token.end()]
        if name.casefold() in NOT_MEDICATIONS or _NOT_ONE_NAME.search(name):
            continue
        yield Fact(
            FactKind.MEDICATION,
            text[start_token.start() : end_token.end()],
            start_token.start(),
            end_token.end(),
            (str(drug["name"]).casefold(),),
        )
