"""Rules added after the seventeenth to twenty-first blind evaluation sets:
hedged findings the notes never mention ("has had some rectal bleeding"),
"has not been tearful" read as a denial of tearfulness, "been sick" as
vomiting (but not "sick contacts"), "vomitus", "#" as a fracture, "(-)" as a
denial, and British and American spellings alike.

Each rule has a pair: a faithful draft that must not be flagged and an
unsupported one that must be.
"""

from __future__ import annotations

from app.writing.sourcecheck import check_draft


def _negations(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "negation"]


BOWEL = "Bowels regular. Mild tinnitus R ear. Wt 82 -> 78kg over 3/12. Occ dizziness on standing."


def test_a_hedged_finding_the_notes_never_mention_is_flagged() -> None:
    assert _negations(BOWEL, "He has had some rectal bleeding.") == ["rectal bleeding"]
    assert _negations(BOWEL, "She reports some difficulty swallowing.") == [
        "difficulty swallowing"]
    assert _negations(BOWEL, "He is tolerating it apart from some nausea.") == ["nausea"]
    assert _negations(BOWEL, "He is tolerating it apart from some dizziness.") == []


def test_every_word_of_a_hedged_finding_needs_the_notes() -> None:
    source = "G2P1 28/40. Dysuria 2/52. No PV bleeding. No LOF."
    assert _negations(source, "She reports some vaginal spotting.") == ["vaginal spotting"]
    assert _negations(source, "She reports some dysuria for two weeks.") == []


def test_a_hedged_finding_the_notes_mention_is_not_flagged() -> None:
    assert _negations(BOWEL, "He has had some tinnitus in the right ear.") == []
    assert _negations(BOWEL, "He reports occasional dizziness on standing.") == []


def test_a_hedged_side_or_quantity_is_not_read_as_the_finding() -> None:
    assert _negations(BOWEL, "He has had some right-sided tinnitus.") == []


def test_a_hedge_under_a_negation_is_not_an_assertion() -> None:
    assert _negations("Denies PR bleeding.", "Denies having had some rectal bleeding.") == []
    assert _negations("Denies PR bleeding.", "He has had some rectal bleeding.") == [
        "rectal bleeding"]


MOOD = "Mood low, tearful at times. Sleep poor."


def test_has_not_been_denies_the_state_that_follows() -> None:
    assert _negations(MOOD, "Her mood is low and she is tearful at times.") == []
    assert _negations(MOOD, "Her mood is low but she has not been tearful.") == ["tearful"]


def test_has_not_been_done_is_not_a_finding() -> None:
    """"Not been checked" says what was not done, not what is absent."""
    assert _negations("Bloods today.", "Her thyroid has not been checked recently.") == []


APPENDIX = "2/7 RIF pain, anorexia, vomited x1. Sick contacts at nursery."


def test_been_sick_is_vomiting() -> None:
    assert _negations(APPENDIX, "You lost your appetite and had been sick once.") == []
    assert _negations(APPENDIX, "You lost your appetite but had not been sick.") == ["sick"]
    assert _negations("No N/V.", "She has not been sick.") == []


def test_sick_contacts_are_not_vomiting() -> None:
    source = "Sick contacts @ daycare. No v/d. No rash."
    assert _negations(source, "There are sick contacts at daycare. One episode of vomiting.") \
        == ["vomiting"]


def test_vomitus_is_vomiting() -> None:
    source = "c/o melena x2d + 1 episode coffee-ground vomitus."
    assert _negations(source, "Melena for two days but no vomiting.") == ["vomiting"]


def test_some_after_a_negated_list_starts_a_new_statement() -> None:
    source = "Airway: not hoarse, no stridor, no carbonaceous sputum."
    assert _negations(source, "No stridor and no carbonaceous sputum.") == []
    assert _negations(source, "No stridor, some carbonaceous sputum.") == [
        "carbonaceous sputum"]


def test_a_hash_alone_is_a_fracture() -> None:
    source = "Whanau sess #3. Punched wall, R hand bruised, XR no #."
    assert _negations(source, "The X-ray showed no fracture.") == []
    assert _negations(source, "The X-ray showed a small fracture.") == ["fracture"]


def test_a_bracketed_minus_denies_the_finding_after_it() -> None:
    source = "(+) swelling, (+) deformity L elbow, (-) open wound, (-) LOC, (-) vomiting."
    assert _negations(source, "No open wound, no loss of consciousness and no vomiting.") == []
    assert _negations(source, "He had a brief loss of consciousness but no vomiting.") == [
        "loss of consciousness"]


def test_british_and_american_spellings_and_plain_words_read_alike() -> None:
    source = "HUS DOL 7 + DOL 30 nl - no IVH/PVL. No NEC. Denies SOB, diaphoresis. No giddiness."
    draft = ("No intraventricular hemorrhage or periventricular leukomalacia; no necrotizing "
             "enterocolitis. She denied sweating and had no dizziness.")
    assert _negations(source, draft) == []
    assert _negations(source, "She reported sweating.") == ["sweating"]


def test_each_marked_item_of_a_screen_keeps_its_own_sign() -> None:
    source = "UDS today: + bup, neg fentanyl, neg benzos, + THC.\nNo cough / DIB."
    draft = ("Positive for buprenorphine and THC, negative for fentanyl and benzodiazepines. "
             "No cough or difficulty breathing.")
    assert _negations(source, draft) == []
    assert _negations(source, "Negative for fentanyl and THC.") == ["THC"]


def test_a_non_prefix_in_the_notes_denies_the_finding() -> None:
    source = "Mum reports feeding well. 1 small vomit (non-bilious) after 2nd feed, none since."
    assert _negations(source, "He had one small non-bilious vomit after the second feed.") == []
    assert _negations(source, "He had one small bilious vomit after the second feed.") == [
        "bilious"]


def test_hearing_voices_are_auditory_hallucinations() -> None:
    source = "No illicit drugs. No AH, no delusions."
    assert _negations(source, "He denies voices and has no delusions.") == []
    assert _negations(source, "He reports hearing voices but has no delusions.") == ["voices"]
