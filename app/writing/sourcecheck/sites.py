"""Which body site a side belongs to.

A side is only a fact together with what it is the side of: "right wrist" is
not supported by an R the notes wrote for the knee.  So every side mention
(left/right/lt/rt/bilateral, a lone R or L, "RE", "LUQ", "R TM") is bound to
the body-site words of its clause, and sites are normalised with general
anatomy vocabulary ("metacarpophalangeal" = "MCP", "flank" = "loin") and a
small part-of hierarchy ("MCP" is part of the hand, the hand of the arm).

Notes write the side before the site ("L wrist") or after it ("uvula
deviated to R", "SLR pos R"), so both directions are read; a draft side takes
its nearest site, a source side every site that follows it in its clause
("R loin to groin pain"); a site before the side counts only when none
follows."""

from __future__ import annotations

import re
from dataclasses import dataclass

# General anatomy vocabulary: surface word (lower case, singular) -> site.
SITE_WORDS = {
    **{w: w for w in (
        "eye", "ear", "nose", "nostril", "tonsil", "tongue", "cheek", "jaw", "temple",
        "scalp", "neck", "shoulder", "arm", "elbow", "forearm", "wrist", "hand", "finger",
        "thumb", "chest", "hemithorax", "lung", "breast", "nipple", "axilla", "hip", "thigh",
        "knee", "leg", "calf", "shin", "ankle", "foot", "heel", "toe", "kidney", "loin",
        "ureter", "groin", "testis", "ovary", "buttock", "face", "radial",
        "femoral", "carotid", "ulnar", "popliteal", "brachial", "pedal", "back", "brain",
    )},
    "cerebral": "brain", "hemisphere": "brain",
    "feet": "foot", "flank": "loin", "renal": "kidney", "testicle": "testis",
    "tonsillar": "tonsil", "peritonsillar": "tonsil", "axillary": "axilla",
    "inguinal": "groin", "ocular": "eye", "pulmonary": "lung", "facial": "face",
    "metacarpophalangeal": "mcp", "metatarsophalangeal": "mtp", "interphalangeal": "ip",
    "vesicoureteric": "vuj", "vesicoureteral": "vuj", "pelviureteric": "puj",
    "ureteropelvic": "puj", "tympanic": "tm", "iliac": "iliac fossa",
    "extremity": "limb", "limb": "limb",
    # findings that name their organ: "R hearing loss" is the right ear's
    "hearing": "ear", "tinnitus": "ear", "aural": "ear", "otalgia": "ear", "otorrhoea": "ear",
    "otorrhea": "ear", "vision": "eye", "visual": "eye", "retina": "eye", "retinal": "eye",
    "cornea": "eye", "corneal": "eye", "pupil": "eye", "cataract": "eye",
    # injection sites
    "deltoid": "arm", "gluteal": "buttock", "abdomen": "abdomen", "abdominal": "abdomen",
    "tummy": "abdomen", "belly": "abdomen",
}
PHRASE_SITES = {("upper", "quadrant"): "upper quadrant", ("lower", "quadrant"): "lower quadrant",
                ("upper", "lobe"): "upper lobe", ("lower", "lobe"): "lower lobe",
                ("middle", "lobe"): "middle lobe", ("neck", "of", "femur"): "hip",
                ("neck", "of", "the", "femur"): "hip"}
# Common clinical abbreviations of sites, read only in capitals.
SITE_ABBREVIATIONS = {
    "MCP": "mcp", "MTP": "mtp", "PIP": "ip", "DIP": "ip", "TM": "tm",
    "VUJ": "vuj", "PUJ": "puj", "NOF": "hip", "ACL": "knee", "TKR": "knee", "TKA": "knee",
    "THR": "hip", "THA": "hip", "SLR": "leg", "TMJ": "jaw", "MCA": "brain", "ACA": "brain",
    "PCA": "brain",
}
# The rest of a side-prefixed abbreviation: R+E, L+UQ, R+IF, L+LE, R+TM.
SIDED_SUFFIXES = {
    "E": "eye", "UQ": "upper quadrant", "LQ": "lower quadrant", "IF": "iliac fossa",
    "LE": "leg", "UE": "arm", "UL": "upper lobe", "LL": "lower lobe", "ML": "middle lobe",
    "TM": "tm", "UQP": "upper quadrant",
}
PART_OF = {
    "mcp": "hand", "ip": "hand", "finger": "hand", "thumb": "hand", "hand": "arm",
    "wrist": "arm", "forearm": "arm", "elbow": "arm", "arm": "limb", "radial": "arm",
    "ulnar": "arm", "brachial": "arm", "mtp": "foot", "toe": "foot", "heel": "foot",
    "foot": "leg", "ankle": "leg", "calf": "leg", "shin": "leg", "knee": "leg",
    "thigh": "leg", "hip": "leg", "popliteal": "leg", "femoral": "leg", "pedal": "foot",
    "leg": "limb", "tm": "ear", "vuj": "ureter", "puj": "ureter", "ureter": "kidney",
    "upper lobe": "lung", "lower lobe": "lung", "middle lobe": "lung", "lung": "chest",
    "hemithorax": "chest", "breast": "chest", "nipple": "breast",
    "upper quadrant": "abdomen", "lower quadrant": "abdomen", "iliac fossa": "abdomen",
}
SIDE_WORDS = {"left": "left", "right": "right", "lt": "left", "rt": "right",
              "bilateral": "bilateral", "bilaterally": "bilateral", "bilat": "bilateral",
              "both": "bilateral"}
_SIDE_RE = re.compile(
    r"\b(left|right|lt|rt|bilateral(?:ly)?|bilat|both)\b"
    r"|(?<![\w/#.+-])([LR])(" + "|".join(sorted(SIDED_SUFFIXES, key=len, reverse=True))
    + r")?(?![\w/+])"
    r"|(?<![\w/#.+-])(?-i:(OD|OS|OU))(?![\w/+])",
    re.IGNORECASE,
)
# Eye sides as ophthalmology writes them (Latin): read only in the notes'
# capitals and only where an eye is in question (see `_is_side`).
EYE_SIDES = {"OD": "right", "OS": "left", "OU": "bilateral"}
_EYE_CONTEXT = re.compile(
    r"\b(?:eyes?|VA|IOP|OCT|retina\w*|macula\w*|AMD|vision|visual|intravitreal"
    r"|fundus|DFE|SLE|cataract|glaucoma|drusen)\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"[A-Za-z]+|[.;:\n()]|,")
_ABBREVIATION_RE = re.compile(r"(" + "|".join(SITE_ABBREVIATIONS) + r")J?s?\d*")
REACH_AFTER = 6
REACH_BEFORE = 5


@dataclass(frozen=True)
class SidedSite:
    """A side as written and the sites it is bound to (none: a bare side)."""

    side: str
    sites: frozenset[str]
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    kind: str  # "side", "site", "stop" (clause end), "comma" or "word"
    value: str
    start: int
    end: int


def sided_sites(text: str, *, nearest: bool) -> list[SidedSite]:
    """Every side mention with its sites; `nearest` keeps only the closest
    one (for drafts), otherwise all sites of its clause (for source notes)."""
    tokens = _tokens(text)
    found = []
    for index, token in enumerate(tokens):
        if token.kind == "side":
            own = SIDED_SUFFIXES.get(token.value.partition(":")[2], "")
            sites = [own] if own else _sites_after(tokens, index, nearest=nearest)
            if not sites:
                sites = _sites_before(tokens, index)
            side = token.value.partition(":")[0]
            if side == "bilateral" and token.value == "bilateral:both" and not sites:
                continue
            found.append(SidedSite(side, frozenset(sites[:1] if nearest else sites),
                                   token.start, token.end))
    return found


def compatible(site: str, other: str) -> bool:
    """The same site, or one part of the other ("MCP" and "hand")."""
    return site in _ancestry(other) or other in _ancestry(site)


def broader(site: str, other: str) -> bool:
    """`site` contains `other` and is not it ("arm" and "radial")."""
    return site != other and site in _ancestry(other)


def _ancestry(site: str) -> list[str]:
    chain = [site]
    while chain[-1] in PART_OF and len(chain) < 8:
        chain.append(PART_OF[chain[-1]])
    return chain


def _sites_after(tokens: list[_Token], index: int, *, nearest: bool) -> list[str]:
    sites: list[str] = []
    for token in tokens[index + 1 : index + 1 + REACH_AFTER]:
        if token.kind in {"stop", "side"} or (nearest and token.kind == "comma"):
            break
        if token.kind == "site":
            sites.append(token.value)
            if nearest:
                break
    return sites


def _sites_before(tokens: list[_Token], index: int) -> list[str]:
    for token in reversed(tokens[max(0, index - REACH_BEFORE) : index]):
        if token.kind in {"stop", "side", "comma"}:
            return []
        if token.kind == "site":
            return [token.value]
    return []


def _tokens(text: str) -> list[_Token]:
    """Side, site, clause-stop and plain-word tokens in text order."""
    eye_notes = _EYE_CONTEXT.search(text) is not None
    sides = {m.start(): m for m in _SIDE_RE.finditer(text) if _is_side(m, eye_notes=eye_notes)}
    abbreviations = {m.start(): m for m in _ABBREVIATION_RE.finditer(text) if _standalone(text, m)}
    tokens: list[_Token] = []
    skip_to = 0
    for m in _TOKEN_RE.finditer(text):
        if m.start() < skip_to:
            continue
        if m.start() in sides:
            side = sides[m.start()]
            kind = "litres" if _after_number(text, side) else "side"
            tokens.append(_Token(kind, _side_value(side), side.start(), side.end()))
            # "R) dorsal hand": the bracket closes the side, not the clause
            skip_to = side.end() + (text[side.end() : side.end() + 1] == ")")
        elif m.start() in abbreviations:
            abbreviation = abbreviations[m.start()]
            site = SITE_ABBREVIATIONS[abbreviation.group(1)]
            tokens.append(_Token("site", site, abbreviation.start(), abbreviation.end()))
            skip_to = abbreviation.end()
        else:
            tokens.append(_word_token(m))
    return _litres_or_sides(_joined_phrase_sites(tokens))


def _after_number(text: str, m: re.Match[str]) -> bool:
    return not m.group(1) and not m.group(3) and bool(re.search(r"\d\s$", text[: m.start()]))


def _litres_or_sides(tokens: list[_Token]) -> list[_Token]:
    """An L or R after a number is litres ("2 L") unless a site follows it
    ("BP 152/94 L arm")."""
    kept = []
    for index, token in enumerate(tokens):
        if token.kind == "litres":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.kind != "site":
                continue
            token = _Token("side", token.value, token.start, token.end)
        kept.append(token)
    return kept


def _is_side(m: re.Match[str], *, eye_notes: bool) -> bool:
    """A lone R/L or a sided abbreviation must be written in capitals; OD/OS/OU
    are eyes only in notes about eyes ("amlodipine 5mg OD" is once daily)."""
    if m.group(4):
        return eye_notes
    return bool(m.group(1)) or m.group(0).isupper()


def _side_value(m: re.Match[str]) -> str:
    if m.group(4):
        return f"{EYE_SIDES[m.group(4)]}:E"
    if m.group(1):
        word = m.group(1).casefold()
        return f"{SIDE_WORDS[word]}:{word if word == 'both' else ''}"
    side = "left" if m.group(2) == "L" else "right"
    return f"{side}:{m.group(3) or ''}"


def _standalone(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    return not (before.isalnum() or after.isalpha())


def _word_token(m: re.Match[str]) -> _Token:
    raw = m.group(0)
    if raw in ".;:\n()":
        return _Token("stop", raw, m.start(), m.end())
    if raw == ",":
        return _Token("comma", raw, m.start(), m.end())
    word = raw.casefold()
    site = SITE_WORDS.get(word) or (SITE_WORDS.get(word[:-1]) if word.endswith("s") else None)
    return _Token("site" if site else "word", site or word, m.start(), m.end())


def _joined_phrase_sites(tokens: list[_Token]) -> list[_Token]:
    """"upper quadrant", "neck of femur": sites named by a phrase."""
    joined: list[_Token] = []
    index = 0
    while index < len(tokens):
        for phrase, site in PHRASE_SITES.items():
            words = tuple(t.value.rstrip("s") for t in tokens[index : index + len(phrase)])
            if words == phrase:
                last = tokens[index + len(phrase) - 1]
                joined.append(_Token("site", site, tokens[index].start, last.end))
                index += len(phrase)
                break
        else:
            joined.append(tokens[index])
            index += 1
    return joined
