"""Negated findings: "denies chest pain", "no fever", "without exudate".

A negation cue opens a scope that runs to the end of the clause; the scope is
split into items at commas, "or", "and" and slashes, and each item is reduced
to its content words (stemmed, with common clinical abbreviations expanded)
so "Denies SI/HI" and "denies suicidal and homicidal ideation" compare equal.

Two cue sets: STRICT cues make a finding explicitly absent; LIBERAL cues
("not", "never") only shelter a mention from being read as present.
Conditional clauses ("return if she develops a fever") assert nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.writing.sourcecheck.postfix import (
    answered_negations,
    postfix_negations,
    stated_absences,
)

_I = re.IGNORECASE
STRICT_CUES = (
    r"denies|denied|denying|no(?!\s+(?:more|less|fewer|later|sooner)\s+than\b)"
    r"|without|w/o|neg(?:ative)? for|absence of|free of|nil(?! by mouth)"
    r"|neither"
    r"|nor"
)
# "not" negates a finding ("not breathless", "not yet passed flatus"), but not
# advice ("not to drive", "must not drive", "do not stop"), doubt ("not sure")
# or a comparison ("not only"). A draft's "not" needs an absence in the notes
# as "no" does; the notes' "not" contradicts a draft that states the finding.
# A drug screen's "-ve opiates": the result written before the substance.
# "(-) open wound, (-) LOC": a minus in brackets before each finding; "UDS: neg
# fentanyl, neg benzos": "neg" opening a list item.
NEGATIVE_BEFORE = re.compile(
    r"(?<![\w+-])-ve(?=\s+[A-Za-z])|\(\s*[-−–]\s*\)(?=\s*[A-Za-z])"
    r"|(?:(?<=[,:;]\s)|(?<=^))neg(?=\s+[A-Za-z]{3,}\s*(?:[,;.]|$))",
    _I | re.MULTILINE,
)
MODALS = ("do", "must", "should", "will", "would", "may", "can", "need")
_INSTRUCTION_LOOKBEHIND = "".join(rf"(?<!\b{modal}\s)" for modal in MODALS)
NOT_CUE = _INSTRUCTION_LOOKBEHIND + r"not(?!\s+(?:to|sure|only|until|known|clear|due)\b)"
POLAR_CUES = STRICT_CUES + "|" + NOT_CUE
LIBERAL_CUES = STRICT_CUES + r"|not|never|none|n't|cannot|unable to"
_BOUNDARY = re.compile(
    r"[.;:\n()]|\s[-–]\s|\b(?:but|although|however|though|except|reports?|endorses?|has|with|which"
    r"|who|that|since|because)\b",
    _I,
)
_OWN_CUE = re.compile(rf"\s*(?:{STRICT_CUES})\b", _I)
_JOINED = re.compile(r"[/&+]")
# "N/V" and "V/D" are one item (spelt out by SYNONYMS); "nausea/vomiting" two.
_ITEM_SPLIT = re.compile(r",|/(?!(?<=\b[A-Za-z]/)[A-Za-z]\b)|\bor\b|\band\b|\bnor\b", _I)
_ITEM_CUT = re.compile(r"\b(?:on|in|at|for|to|from|during|after|before|over|above|below|by|was"
                       r"|per|about|regarding|towards?"
                       r"|were|is|are|been|needed|raised|taken|given|seen|noted)\b", _I)
# "not taking her inhaler", "not needing oxygen", "has not been tearful": the
# finding follows the verb (but "not been checked" says what was not done).
_LEADING_VERB = re.compile(
    r"^\s*(?:taking|using|having|needing|requiring|been(?!\s+[a-z]+(?:ing|ed)\b))\s+", _I
)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|should|in case|watch for|(?:gets?|getting|becomes?) worse|develops?"
    r"|advised|advice|warned|safety[- ]net(?:ted|ting)?|urgent contact|return|come back"
    r"|watch(?:ing)?(?: closely)? for|look(?:ing)? out for|taught|educated|explained"
    r"|SN|red flags?)\b", _I
)
# Items that say nothing without their label: "Safeguarding: no concerns".
WEAK_ITEMS = frozenset({"concern", "issue", "problem", "abnormality", "abnormalitie", "complaint",
                        "finding", "acute", "change", "worry", "worrie", "other", "note"})

FILLERS = {
    "any", "further", "new", "recent", "obvious", "signs", "sign", "symptom", "symptoms",
    "evidence", "history", "hx", "episodes", "episode", "of", "the", "a", "an", "other", "some",
    "significant", "known", "use", "current", "features", "feature", "she", "he", "they",
    "had", "have", "has", "there", "was", "thoughts", "thought", "reported", "complaints",
    "no", "not", "nil", "without", "ve",
    # verbs and adverbs that carry a finding without naming it: "not wearing a
    # helmet" is about the helmet, "not currently breastfeeding" about feeding
    "wearing", "wear", "using", "having", "taking", "currently", "unduly", "always",
    "really", "much", "ever", "required", "needed", "regular",
    # words that qualify a finding without naming it: "no prior seizures" is
    # "no history of seizures", "no SI" is "no suicidal thoughts"
    "previous", "prior", "past", "yet", "now", "ideation", "function", "change", "up",
    # when, not what: "no chest pain reported earlier"
    "earlier", "recently", "lately", "overnight", "anymore",
    # who said it, not what: "did not report chest pain"
    "report", "reports", "reporting", "complain", "complains", "complained", "mention",
    "mentioned",
}
SYNONYMS = {
    "cp": "chest pain", "si": "suicidal ideation",
    "hi": "homicidal ideation", "loc": "loss consciousness", "lad": "lymphadenopathy",
    "xr": "x-ray", "n/v": "nausea vomiting", "ha": "headache", "prior": "previous",
    "hypos": "hypoglycaemia", "hypo": "hypoglycaemia", "hypoglycaemic": "hypoglycaemia",
    "hypoglycemic": "hypoglycaemia", "fevers": "fever", "febrile": "fever",
    "painful": "pain", "dmards": "dmard", "sx": "symptoms", "ah": "auditory hallucination",
    "vh": "visual hallucination", "self-harming": "self-harm", "sh": "self-harm",
    "suicidality": "suicidal ideation", "pain-free": "pain", "himself": "self",
    "herself": "self", "themselves": "self", "myself": "self", "yourself": "self",
    "d&v": "diarrhoea vomiting", "d+v": "diarrhoea vomiting", "n&v": "nausea vomiting",
    "n+v": "nausea vomiting", "wt": "weight", "meds": "medication", "lns": "lymph node",
    "ln": "lymph node", "ache": "pain", "aches": "pain", "aching": "pain", "achy": "pain",
    # the plain words a letter to a patient uses for a finding
    "haemoptysis": "cough blood", "hemoptysis": "cough blood", "haematuria": "blood urine",
    "hematuria": "blood urine", "haematemesis": "vomit blood", "hematemesis": "vomit blood",
    "syncope": "faint", "syncopal": "faint", "pyrexia": "fever", "pyrexial": "fever",
    "epistaxis": "nose bleed", "hydronephrosis": "kidney swelling",
    # general clinical vocabulary: abbreviations and Greek/Latin terms for
    # findings that drafts write out in plain words
    "pnd": "paroxysmal nocturnal dyspnoea", "otalgia": "ear pain",
    "photopsia": "flashing light", "photopsiae": "flashing light", "gi": "gastrointestinal",
    "ext": "extension",
    "sob": "short breath", "sobar": "short breath rest", "breathless": "short breath",
    "breathlessness": "short breath", "lost": "loss", "fhx": "family", "pv": "vaginal",
    "srom": "rupture membrane", "ste": "st elevation", "std": "st depression",
    "abd": "abdominal", "abdo": "abdominal", "ruq": "right upper quadrant",
    "luq": "left upper quadrant", "rlq": "right lower quadrant", "llq": "left lower quadrant",
    "rif": "right iliac fossa", "lif": "left iliac fossa", "uti": "urinary tract infection",
    "mt": "metatarsal", "mc": "metacarpal", "bp": "blood pressure", "l/s": "lying standing",
    "tkr": "total knee replacement", "tka": "total knee replacement",
    "thr": "total hip replacement", "tha": "total hip replacement",
    "slept": "sleep", "woke": "wake", "ate": "eat", "drank": "drink", "fell": "fall",
    "felt": "feel", "smoker": "smoking", "smokes": "smoking", "smoke": "smoking",
    "ed": "emergency department", "a&e": "emergency department", "resus": "resuscitation",
    "iop": "intraocular pressure", "af": "atrial fibrillation",
    "ivh": "intraventricular haemorrhage", "dvt": "deep vein thrombosis",
    "vte": "venous thromboembolism", "mi": "myocardial infarction",
    "tia": "transient ischaemic attack", "resp": "respiratory", "ij": "internal jugular",
    "cvc": "central venous catheter", "im": "intramuscular", "iv": "intravenous",
    "sc": "subcutaneous", "inj": "injection", "lose": "loss", "losing": "loss",
    "fits": "seizure", "fit": "seizure", "seizures": "seizure", "pmh": "past medical history",
    "pmhx": "past medical history", "pcb": "postcoital bleeding", "imb": "intermenstrual bleeding",
    "pmb": "postmenopausal bleeding", "vd": "vaginal discharge", "cvs": "cardiovascular",
    "htn": "hypertension", "dm": "diabetes", "ihd": "ischaemic heart disease", "od": "overdose",
    "mh": "mental health", "fu": "follow-up", "f/u": "follow-up", "etoh": "alcohol",
    "art": "arterial", "ngt": "nasogastric tube", "ng": "nasogastric",
    "emesis": "vomit", "warmth": "warm", "epigastric": "abdominal",
    "periumbilical": "abdominal", "v/d": "vomiting diarrhoea", "d/v": "diarrhoea vomiting",
    "n/v/d": "nausea vomiting diarrhoea", "ponv": "postoperative nausea vomiting",
    "diplopia": "double vision", "ptx": "pneumothorax", "cbd": "bile duct",
    "dilated": "widened", "dilatation": "widened", "dilation": "widened",
    "anxious": "anxiety", "vom": "vomit", "otorrhoea": "ear discharge", "otorrhea": "ear discharge",
    "hsm": "hepatosplenomegaly", "splenomegaly": "hepatosplenomegaly",
    "hepatomegaly": "hepatosplenomegaly", "vomitus": "vomit", "sick": "vomit", "pr": "rectal",
    "giddiness": "dizziness", "giddy": "dizzy", "diaphoresis": "sweating", "diaphoretic": "sweaty",
    "rigor": "shivering", "rigors": "shivering", "pvl": "periventricular leukomalacia",
    "nec": "necrotising enterocolitis", "dib": "difficulty breathing", "benzos": "benzodiazepine",
    "benzo": "benzodiazepine", "voices": "auditory hallucination",
    "#": "fracture",
}
# A number, a verb or a state word starts a new statement: "no aura, 8 headache
# days"; "no pain, and movements are normal"; "no diarrhoea, mouth ulcers mild".
_ENDS_LIST = re.compile(
    r"\d|\b(?:is|are|was|were|remains?|appears?|seems?|mild|moderate|severe|full|normal"
    r"|clean|clear|intact|good|stable|healthy|raised|reduced|dry|ok|okay|fine|well|soft|warm|equal"
    r"|reactive|supple)\b",
    _I,
)
# A list item opening with an article ("a", "some") or a past-tense verb is a new
# statement: "no previous events and a family history"; "not passed flatus and vomited".
_STARTS_STATEMENT = re.compile(r"\s*(?:a|an|some|[a-z]{3,}ed)\b", _I)
# "non-bilious", "non-productive": the finding after the prefix is absent.
_NON_WORD = re.compile(r"\bnon-([a-z]{4,})\b", _I)
# An item marked for itself, present or absent: "(+) swelling", "+ THC", "neg opiates".
_MARKED = re.compile(r"\s*(?:\(\s*[-+−–]\s*\)|\+|neg\b)", _I)
NEGATED_WORDS = {
    "afebrile": "fever", "painless": "pain", "asymptomatic": "symptomatic",
    "non-tender": "tenderness", "nontender": "tenderness", "nkda": "drug allergy",
    "nka": "allergy", "nad": "acute distress", "bno": "bowels opened",
    "nt": "tenderness", "snt": "tenderness",  # "abdo soft NT", "calves SNT"
    "apyrexial": "fever", "continent": "incontinence", "ngtd": "growth",
}


@dataclass(frozen=True)
class NegatedItem:
    words: frozenset[str]
    start: int
    end: int


# "#" alone is a fracture ("XR no #"), not a number sign ("sess #3").
_WORD = re.compile(
    r"[A-Za-z][&+][A-Za-z]\b|[A-Za-z][A-Za-z/-]*[A-Za-z]|[A-Za-z]|(?<![\w#])#(?![\w#])"
)


def content_words(text: str, *, next_word: str = "") -> list[str]:
    """Stemmed content words; "pain/swelling" and "shoulder-tip" are two
    words, "n/v" a synonym. `next_word` is the word after `text`, when the
    caller reads a text word by word."""
    words: list[str] = []
    raws = _WORD.findall(text)
    for raw, following in zip(raws, [*raws[1:], next_word][: len(raws)], strict=True):
        folded = raw.casefold()
        if folded == "sick" and following.casefold() in _SICK_AS_ILL:
            folded = "ill"  # "sick contacts", "off sick": not vomiting
        expanded = SYNONYMS.get(folded) or " ".join(SYNONYMS.get(p, p) for p in folded.split("/"))
        for word in expanded.replace("-", " ").split():
            if word in FILLERS:
                continue
            word = lemma(stem(_one_spelling(word)))
            if word not in FILLERS and len(word) > 1:
                words.append(word)
    return words


# Words after "sick" that make it mean ill, not vomiting ("been sick").
_SICK_AS_ILL = frozenset({"contact", "contacts", "leave", "note", "day", "days", "pay", "child",
                          "role", "list", "bay"})


def _one_spelling(word: str) -> str:
    """British and American spellings read alike ("haemorrhage" and
    "hemorrhage", "necrotising" and "necrotizing", "oedema" and "edema")."""
    return word.replace("ae", "e").replace("oe", "e").replace("z", "s")


def lemma(word: str) -> str:
    """One form for a finding's verb and noun: "vomited", "vomiting" and
    "vomit"; "bleeding" and "bleed"; "shortness" and "short"."""
    for ending in ("ness", "ing", "ion", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= LEMMA_MIN:
            return word[: -len(ending)]
    return word


LEMMA_MIN = 4
# "ER full and pain free": one word before a trailing cue is too loose a
# subject to contradict every mention of it.
POSTFIX_MIN_WORDS = 2
# ...but one long word is specific enough: "McMurray neg", "Babinski -ve".
NAMED_SIGN_MIN = 7


def stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        return word[:-1]
    return word


def negated_items(
    text: str, *, cues: str = STRICT_CUES, postfix: bool = False
) -> Iterator[NegatedItem]:
    """`postfix` also reads notes' trailing cues ("CP free"), for source notes."""
    for cue in [*re.finditer(rf"\b(?:{cues})\b", text, _I), *NEGATIVE_BEFORE.finditer(text)]:
        if _is_conditional(text, cue.start()):
            continue
        scope_end = _scope_end(text, cue.end())
        prefix = topic_prefix(text, cue.start())
        for item in _items(text, cue.end(), scope_end):
            words = item.words
            if words <= WEAK_ITEMS:  # "Safeguarding: no concerns"; not "U/S KUB: no hydro"
                words = words | frozenset(content_words(prefix))
            yield NegatedItem(words, item.start, item.end)
    for m in re.finditer(r"[A-Za-z-]+", text):
        target = NEGATED_WORDS.get(m.group(0).casefold())
        if target:
            yield NegatedItem(frozenset(content_words(target)), m.start(), m.end())
    for m in _NON_WORD.finditer(text) if postfix else ():
        if m.group(0).casefold() not in NEGATED_WORDS:  # notes' "(non-bilious)"
            yield NegatedItem(frozenset(content_words(m.group(1))), m.start(), m.end())
    for phrase, start, end in answered_negations(text) if postfix else ():
        yield NegatedItem(frozenset(content_words(phrase)), start, end)
    for phrase, start, end in postfix_negations(text) if postfix else ():
        words = frozenset(content_words(phrase))
        if len(words) >= POSTFIX_MIN_WORDS or any(len(w) >= NAMED_SIGN_MIN for w in words):
            yield NegatedItem(words, start, end)


def stated_absent_items(text: str) -> Iterator[NegatedItem]:
    """Items a draft states as not given or not present, the cue after them."""
    for phrase, start, end in stated_absences(text):
        words = frozenset(content_words(phrase))
        if words:
            yield NegatedItem(words, start, end)


def negated_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of text under any negation (liberal cues)."""
    regions = []
    cues = [*re.finditer(rf"\b(?:{LIBERAL_CUES})\b", text, _I), *NEGATIVE_BEFORE.finditer(text)]
    for cue in cues:
        regions.append((cue.start(), list_end(text, cue.end())))
    for m in re.finditer(r"[A-Za-z-]+", text):
        if m.group(0).casefold() in NEGATED_WORDS:
            regions.append((m.start(), m.end()))
    regions += [m.span() for m in _NON_WORD.finditer(text)]
    regions += [(start, end) for _phrase, start, end in postfix_negations(text)]
    regions += [(start, end) for _phrase, start, end in answered_negations(text)]
    regions += [(start, end) for _phrase, start, end in stated_absences(text)]
    return regions


def _scope_end(text: str, start: int) -> int:
    boundary = _BOUNDARY.search(text, start)
    if boundary and boundary.group(0)[0].isalpha() and not text[start : boundary.start()].strip():
        boundary = _BOUNDARY.search(text, boundary.end())  # "did not report chest pain"
    return boundary.start() if boundary else len(text)


def list_end(text: str, start: int) -> int:
    """Where a negated list opened at `start` ends: the clause end, or an
    item that starts a new statement ("no diarrhoea, mouth ulcers mild")."""
    end = _scope_end(text, start)
    scope = text[start:end]
    pieces = _ITEM_SPLIT.split(scope)
    splits = list(_ITEM_SPLIT.finditer(scope))
    length = _list_length(pieces, [m.group(0) for m in splits], own_cues=False)
    return start + splits[length - 1].start() if length < len(pieces) else end


def _list_length(pieces: list[str], joiners: list[str], *, own_cues: bool) -> int:
    """How many pieces the list keeps; "eating/drinking ok" ends together,
    since a slash joins two things one state word describes."""
    for number, piece in enumerate(pieces[1:], start=1):
        if (_ENDS_LIST.search(piece) or _STARTS_STATEMENT.match(piece) or _MARKED.match(piece)
                or (own_cues and _OWN_CUE.match(piece))):
            slash_joined = joiners[number - 1] == "/" and not _OWN_CUE.match(piece)
            return max(1, number - 1) if slash_joined else number
    return len(pieces)


def _items(text: str, start: int, end: int) -> Iterator[NegatedItem]:
    """List items of one scope; a list ends at an item with a number, a verb,
    a state word or its own negation cue (which opens its own list)
    ("no aura, 8-10 headache days"; "no pain, and movements are normal"), and an
    "X Y or Z" item lends Z its modifier ("suicidal intent or plan")."""
    cursor = start
    previous: list[str] = []
    scope = text[start:end]
    pieces = _ITEM_SPLIT.split(scope)
    joiners = [m.group(0).strip().casefold() for m in _ITEM_SPLIT.finditer(scope)]
    length = _list_length(pieces, joiners, own_cues=True)
    for number, piece in enumerate(pieces[:length]):
        piece_start = text.index(piece, cursor) if piece else cursor
        cursor = piece_start + len(piece)
        verb = _LEADING_VERB.match(piece)
        skipped = verb.end() if verb else 0
        head = _ITEM_CUT.split(piece[skipped:], maxsplit=1)[0]
        words = content_words(head)
        joined_by_word = number > 0 and joiners[number - 1] in {"or", "and", "nor"}
        if joined_by_word and len(words) == 1 and len(previous) > 1:
            words = [*previous[:-1], *words]
        if words:
            previous = words
            stripped = len(head) - len(head.lstrip())
            start = piece_start + skipped + stripped
            end = piece_start + skipped + len(head.rstrip())
            # "No V/D" denies vomiting and diarrhoea, each on its own
            joined = head.strip().casefold() in SYNONYMS and _JOINED.search(head)
            for group in [[w] for w in words] if joined else [words]:
                yield NegatedItem(frozenset(group), start, end)


def _is_conditional(text: str, position: int) -> bool:
    sentence_start = max(text.rfind(mark, 0, position) for mark in ".;\n") + 1
    return bool(_CONDITIONAL.search(text[sentence_start:position]))


def topic_prefix(text: str, position: int) -> str:
    """"Safeguarding: no concerns" -> "Safeguarding" (a label owning the scope)."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position].rstrip()
    if before.endswith(":"):
        return before[:-1].rsplit(".", 1)[-1]
    return ""
