"""Medicine names the offline drug lexicon does not know, spelt out in names
it does.

drug-named-entity-recognition is built mostly from US sources: it lacks many
brands prescribed in the UK, Ireland, Australia, New Zealand, South Africa
and India ("Microgynon", "Utrogestan", "Sinemet" as written there, "Endone"
is known but "Oxynorm" is not), and even a few generics ("oxytocin",
"progesterone", "estradiol", "thiamine"). An unknown name is never checked,
so a swapped or invented one passes. Each entry maps the name as a clinician
writes it to the generic names the lexicon knows, so a brand and its generic
compare equal and two brands of different medicines do not. Combination
products list every ingredient. tests/writing/test_lexicon_gaps.py checks
that the lexicon finds every ingredient named here, and that none of these
names has since entered the lexicon (then the entry is dead and goes)."""

from __future__ import annotations

# Generics missing from the lexicon, written as a name it maps to the same
# medicine ("Pitocin" -> oxytocin).
GENERICS: dict[str, str] = {
    "oxytocin": "pitocin", "progesterone": "prometrium", "estradiol": "estradiol valerate",
    "oestradiol": "estradiol valerate", "thiamine": "vitamin b1", "thiamin": "vitamin b1",
}

_PROGESTERONE = GENERICS["progesterone"]
_ESTRADIOL = GENERICS["estradiol"]
_THIAMINE = GENERICS["thiamine"]

BRANDS: dict[str, str] = {
    # contraception, HRT, gynaecology, fertility, labour
    "microgynon": "ethinylestradiol levonorgestrel",
    "yasmin": "ethinylestradiol drospirenone", "yaz": "ethinylestradiol drospirenone",
    "cilest": "ethinylestradiol norgestimate", "cerelle": "desogestrel",
    "implanon": "etonogestrel", "nexplanon": "etonogestrel", "sayana": "medroxyprogesterone",
    "jaydess": "levonorgestrel", "levonelle": "levonorgestrel", "ellaone": "ulipristal",
    "esmya": "ulipristal", "utrogestan": _PROGESTERONE, "cyclogest": _PROGESTERONE,
    "crinone": _PROGESTERONE, "estrogel": _ESTRADIOL, "sandrena": _ESTRADIOL,
    "evorel": _ESTRADIOL, "elleste": _ESTRADIOL, "kliovance": f"{_ESTRADIOL} norethindrone",
    "livial": "tibolone", "ryeqo": f"relugolix {_ESTRADIOL} norethindrone",
    "syntometrine": "ergometrine pitocin", "prostin": "dinoprostone", "menopur": "menotropins",
    "gonal-f": "follitropin alfa", "ovitrelle": "chorionic gonadotropin", "cetrotide": "cetrorelix",
    "orgalutran": "ganirelix",
    # diabetes
    "novomix": "insulin aspart", "mixtard": "insulin", "galvus": "vildagliptin",
    "janumet": "sitagliptin metformin", "glycomet": "metformin",
    # pain, opioids, dependence
    "tempra": "paracetamol", "dolo": "paracetamol", "panadeine": "paracetamol codeine",
    "oxynorm": "oxycodone", "palladon": "hydromorphone", "targin": "oxycodone naloxone",
    "palexia": "tapentadol",
    "norspan": "buprenorphine", "buvidal": "buprenorphine", "physeptone": "methadone",
    "novaminsulfon": "metamizole", "pabrinex": _THIAMINE,
    # heart and blood pressure
    "telma": "telmisartan", "coversyl": "perindopril", "gtn": "glyceryl trinitrate",
    # lungs
    "salamol": "salbutamol", "airomir": "salbutamol", "asmol": "salbutamol",
    "seretide": "fluticasone salmeterol", "relvar": "fluticasone vilanterol",
    "breo": "fluticasone vilanterol", "flutiform": "fluticasone formoterol",
    "clenil": "beclometasone", "trelegy": "fluticasone umeclidinium vilanterol",
    "anoro": "umeclidinium vilanterol", "incruse": "umeclidinium",
    "symkevi": "tezacaftor ivacaftor", "beyfortus": "nirsevimab",
    # mental health and neurology
    "cipramil": "citalopram", "valdoxan": "agomelatine", "denzapine": "clozapine",
    "xeplion": "paliperidone", "modecate": "fluphenazine", "depixol": "flupentixol",
    "clopixol": "zuclopenthixol", "priadel": "lithium", "camcolit": "lithium",
    "epilim": "sodium valproate", "medikinet": "methylphenidate",
    "sinemet": "levodopa carbidopa", "madopar": "levodopa benserazide",
    "stalevo": "levodopa carbidopa entacapone", "mirapexin": "pramipexole",
    "buccolam": "midazolam", "epistatus": "midazolam",
    # gut, kidneys, bones, blood
    "somac": "pantoprazole", "protium": "pantoprazole", "stemetil": "prochlorperazine",
    "movicol": "macrogol", "laxido": "macrogol", "coloxyl": "docusate", "octasa": "mesalazine",
    "mezavant": "mesalazine", "span-k": "potassium chloride", "sando-k": "potassium chloride",
    "adcal": "calcium carbonate", "calcichew": "calcium carbonate", "fultium": "colecalciferol",
    "ferrinject": "ferric carboxymaltose", "ferrograd": "ferrous sulfate",
    "adenuric": "febuxostat", "aclasta": "zoledronic acid", "forsteo": "teriparatide",
    # infection
    "augmentin": "amoxicillin clavulanate", "tazocin": "piperacillin tazobactam",
    "klacid": "clarithromycin", "keflex": "cephalexin", "ciproxin": "ciprofloxacin",
    "septrin": "co-trimoxazole", "coartem": "artemether lumefantrine",
    "riamet": "artemether lumefantrine",
    "genvoya": "elvitegravir cobicistat emtricitabine tenofovir",
    "descovy": "emtricitabine tenofovir", "rifinah": "rifampicin isoniazid",
    "rifater": "rifampicin isoniazid pyrazinamide",
    "akurit": "rifampicin isoniazid pyrazinamide ethambutol",
    "naseptin": "chlorhexidine neomycin",
    # cancer, immunity, skin, eyes, allergy
    "prostap": "leuprorelin", "neulasta": "pegfilgrastim", "zarzio": "filgrastim",
    "eumovate": "clobetasone", "predsol": "prednisolone", "chloromycetin": "chloramphenicol",
    "yellox": "bromfenac", "floxal": "ofloxacin", "exocin": "ofloxacin",
    "metoject": "methotrexate", "emerade": "epinephrine", "jext": "epinephrine",
    "anapen": "epinephrine", "telfast": "fexofenadine",
}

EXPANSIONS: dict[str, str] = {**GENERICS, **BRANDS}
