#!/usr/bin/env python3
"""Writes labelled-manifest.csv: invented shipment manifest lines labelled with the watchlist
entry a precursor screener must report (blank for benign lines) and the hard case each line tests.

Python 3, standard library only, deterministic (random.Random(20261130)).

    python3 make_labelled.py            # writes labelled-manifest.csv next to this script

Reads ../../../Sources/VigilPrecursors/Resources/watchlist.csv (relative to this file). All company
names are invented and obviously fictitious; quantities, values, dates and routes are made up.
"""

import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WATCHLIST = os.path.join(HERE, "..", "..", "..", "Sources", "VigilPrecursors", "Resources", "watchlist.csv")
OUTPUT = os.path.join(HERE, "labelled-manifest.csv")
HEADER = [
    "shipment_id", "line", "date", "description", "hs_code", "cas", "quantity", "unit", "value", "shipper",
    "consignee", "notify_party", "origin", "destination", "port_of_loading", "transshipment_ports",
    "port_of_discharge", "expected_id", "case",
]

rng = random.Random(20261130)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def cas_ok(cas):
    m = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


def bad_check(cas):
    """The same CAS number with a wrong check digit."""
    body, check = cas.rsplit("-", 1)
    return f"{body}-{(int(check) + rng.randint(1, 9)) % 10}"


def compact(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def osa(a, b):
    """Optimal string alignment distance (substitution, deletion, insertion, adjacent transposition)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def hs_dotted(six):
    return f"{six[:4]}.{six[4:]}"


def letters(text):
    return sum(1 for c in text if c.isalpha())


# --------------------------------------------------------------------------------------------
# Watchlist
# --------------------------------------------------------------------------------------------

with open(WATCHLIST, newline="", encoding="utf-8") as f:
    ENTRIES = list(csv.DictReader(f))
BY_ID = {e["id"]: e for e in ENTRIES}


def names_of(entry):
    return [entry["name"]] + [s for s in entry["synonyms"].split(";") if s]


def cas_of(entry):
    return [c for c in entry["cas"].split(";") if c]


ALL_FORMS = {}  # compact form -> entry id
for e in ENTRIES:
    for n in names_of(e):
        ALL_FORMS[compact(n)] = e["id"]

FENTANYL = ["npp", "anpp", "4-ap", "1-boc-4-ap", "norfentanyl", "4-piperidone", "1-boc-4-piperidone",
            "benzylfentanyl", "propionic-anhydride", "piperidine"]
for fid in FENTANYL:
    assert fid in BY_ID, fid

# --------------------------------------------------------------------------------------------
# Benign pools (none of these is on the UN tables, 21 CFR 1310.02 or the watchlist)
# --------------------------------------------------------------------------------------------

# (description, CAS or "", HS)
BENIGN_LOOKALIKE = [
    ("2-piperidone", "675-20-7", "2933.79"), ("piperidin-2-one", "675-20-7", "2933.79"),
    ("delta-valerolactam", "675-20-7", "2933.79"), ("3-piperidone hydrochloride", "", "2933.39"),
    ("piperidin-3-one", "", "2933.39"), ("4-hydroxypiperidine", "5382-16-1", "2933.39"),
    ("piperidin-4-ol", "5382-16-1", "2933.39"), ("4-piperidinol", "5382-16-1", "2933.39"),
    ("4-methylpiperidine", "626-58-4", "2933.39"), ("N-methylpiperidine", "626-67-5", "2933.39"),
    ("1-methylpiperidine", "626-67-5", "2933.39"), ("piperazine anhydrous", "110-85-0", "2933.59"),
    ("piperazine", "110-85-0", "2933.59"), ("pyridine", "110-86-1", "2933.31"),
    ("4-aminopyridine", "504-24-5", "2933.39"), ("1-phenylpiperazine", "92-54-6", "2933.59"),
    ("piperine", "94-62-2", "2934.99"), ("piperonyl butoxide", "51-03-6", "2932.99"),
    ("isonipecotic acid", "498-94-2", "2933.39"), ("butyric anhydride", "106-31-0", "2915.90"),
    ("isobutyric anhydride", "97-72-3", "2915.90"), ("trifluoroacetic anhydride", "407-25-0", "2915.90"),
    ("maleic anhydride", "108-31-6", "2917.14"), ("phthalic anhydride", "85-44-9", "2917.35"),
    ("succinic anhydride", "108-30-5", "2917.19"), ("3-phenylpropionic acid", "501-52-0", "2916.39"),
    ("acetophenone", "98-86-2", "2914.39"), ("benzyl alcohol", "100-51-6", "2906.21"),
    ("benzyl benzoate", "120-51-4", "2916.31"), ("nitromethane", "75-52-5", "2904.20"),
    ("diisopropyl ether", "108-20-3", "2909.19"), ("methyl tert-butyl ether", "1634-04-4", "2909.19"),
    ("methyl acetate", "79-20-9", "2915.39"), ("potassium iodide", "7681-11-0", "2827.60"),
    ("phosphoric acid 85%", "7664-38-2", "2809.20"), ("ethylbenzene", "100-41-4", "2902.60"),
    ("cyclohexanone", "108-94-1", "2914.22"),
]
BENIGN_CHEMICAL = [
    ("glacial acetic acid", "64-19-7", "2915.21"), ("acetic acid 99.8%", "64-19-7", "2915.21"),
    ("propionic acid", "79-09-4", "2915.50"), ("benzoic acid", "65-85-0", "2916.31"),
    ("ethanol 96%", "64-17-5", "2207.10"), ("methanol", "67-56-1", "2905.11"),
    ("isopropanol", "67-63-0", "2905.12"), ("isopropyl alcohol", "67-63-0", "2905.12"),
    ("ethyl acetate", "141-78-6", "2915.31"), ("dichloromethane", "75-09-2", "2903.12"),
    ("n-hexane", "110-54-3", "2901.10"), ("acetonitrile HPLC grade", "75-05-8", "2926.90"),
    ("dimethyl sulfoxide (DMSO)", "67-68-5", "2930.90"), ("xylene, mixed isomers", "1330-20-7", "2902.44"),
    ("tetrahydrofuran", "109-99-9", "2932.11"), ("butyl acetate", "123-86-4", "2915.33"),
    ("sodium chloride", "7647-14-5", "2501.00"), ("citric acid anhydrous", "77-92-9", "2918.14"),
    ("citric acid monohydrate", "5949-29-1", "2918.14"), ("hydrogen peroxide 50%", "7722-84-1", "2847.00"),
    ("nitric acid 68%", "7697-37-2", "2808.00"), ("potassium carbonate", "584-08-7", "2836.40"),
    ("sodium hydroxide pearls", "1310-73-2", "2815.11"), ("calcium chloride flakes", "10043-52-4", "2827.20"),
    ("monoethylene glycol", "107-21-1", "2905.31"), ("glycerol 99.5%", "56-81-5", "2905.45"),
]
BENIGN_ABBREVIATION = [
    ("NPK fertilizer 15-15-15", "", "3105.20"), ("NPK compound fertiliser, 50 kg bags", "", "3105.20"),
    ("PPE gloves, nitrile, powder free", "", "4015.19"), ("PPE coveralls, disposable", "", "6210.10"),
    ("PVP K30 powder", "9003-39-8", "3905.99"), ("PMMA sheet 3 mm clear", "", "3920.51"),
    ("PMMA granules, injection grade", "", "3906.10"), ("BMX bicycle parts", "", "8714.99"),
    ("BMX frames, aluminium", "", "8714.91"), ("NPT pipe fittings, brass", "", "7412.20"),
    ("PP granules, homopolymer", "", "3902.10"), ("PET preforms 28 mm", "", "3923.30"),
    ("MEG (monoethylene glycol), fibre grade", "107-21-1", "2905.31"),
    ("MIBC (methyl isobutyl carbinol)", "108-11-2", "2905.19"), ("TPP (triphenyl phosphate)", "115-86-6", "2919.90"),
    ("P2O5 (phosphorus pentoxide)", "1314-56-3", "2809.10"), ("APP ammonium polyphosphate", "68333-79-9", "2835.39"),
    ("MEA (monoethanolamine)", "141-43-5", "2922.11"), ("PAC poly aluminium chloride", "", "2827.32"),
    ("ANP spare parts for printing press", "", "8443.91"),
]
BENIGN_GOODS = [
    ("cotton t-shirts", "6109.10"), ("LED bulbs", "8539.52"), ("auto parts, brake pads", "8708.30"),
    ("auto parts", "8708.99"), ("ceramic floor tiles", "6907.21"), ("wooden dining chairs", "9401.61"),
    ("plastic toys", "9503.00"), ("smartphone cases", "3926.90"), ("frozen shrimp", "0306.17"),
    ("roasted coffee beans", "0901.21"), ("solar panels", "8541.43"), ("bicycle tyres", "4011.50"),
    ("office chairs", "9401.39"), ("stainless steel cookware", "7323.93"), ("paper towels", "4818.20"),
    ("laptop bags", "4202.12"), ("denim jeans", "6203.42"), ("garden hoses", "3917.32"),
    ("yoga mats", "9506.91"), ("ceramic mugs", "6912.00"), ("canned tomatoes", "2002.10"),
    ("LED strip lights", "9405.42"), ("kitchen sponges", "3924.10"), ("umbrellas", "6601.91"),
]
for d, c, h in BENIGN_LOOKALIKE + BENIGN_CHEMICAL + BENIGN_ABBREVIATION:
    assert c == "" or cas_ok(c), (d, c)
    assert compact(d) not in ALL_FORMS, d

# --------------------------------------------------------------------------------------------
# Line texture
# --------------------------------------------------------------------------------------------

PURITY = ["99%", "98% min", "99.5%", "tech grade", "industrial grade", "purity 99%", "pharma grade", "AR grade"]
PACK = ["25 kg fibre drums", "25kg drums", "200 L drums", "in 1 kg bags", "1 L bottles", "IBC totes",
        "50 kg bags", "sealed aluminium bags", "HDPE drums", "sample"]
SOLID_UNITS = [("kg", 1, 500), ("g", 100, 5000), ("mt", 1, 20), ("drums", 1, 40)]
LIQUID_UNITS = [("L", 20, 5000), ("kg", 10, 2000), ("mt", 1, 25), ("drums", 1, 80)]
GOODS_UNITS = [("pcs", 100, 20000), ("cartons", 10, 800), ("kg", 50, 20000)]
GENERIC_CAS_TEXT = [
    "white crystalline powder", "off-white powder, 25 kg drums", "colourless liquid, 200 L drums",
    "chemical sample, no commercial value", "laboratory reagent", "raw material for production",
]
EVASIVE = [
    "pharmaceutical intermediate", "organic chemical", "fine chemical for research", "API intermediate",
    "chemical raw material", "organic intermediate, non-hazardous", "research chemical",
    "industrial chemical, see MSDS", "custom synthesis product",
]
UNRELATED_HS = ["3304.99", "8708.99", "6109.10", "9503.00", "8539.52", "0901.21", "3926.90", "3401.11",
                "2106.90", "3824.99", "3302.10", "6307.90"]

ADJ = ["Imaginary", "Fictional", "Placeholder", "Example", "Sample", "Dummy", "Mock", "Pretend", "Notreal",
       "Madeup", "Phantom", "Hypothetical"]
NOUN = ["Chemicals", "Trading", "Logistics", "Imports", "Pharma", "Materials", "Supply", "Freight", "Industries",
        "Commerce", "Exports", "Distribution"]
SUFFIX = ["Co.", "Ltd", "LLC", "GmbH", "S.A.", "Pte Ltd", "Inc.", "S.A. de C.V."]
ROUTES = [
    ("China", "Shanghai"), ("China", "Qingdao"), ("China", "Ningbo"), ("China", "Shenzhen"), ("India", "Nhava Sheva"),
    ("India", "Mundra"), ("Germany", "Hamburg"), ("Netherlands", "Rotterdam"), ("Belgium", "Antwerp"),
    ("South Korea", "Busan"), ("Viet Nam", "Hai Phong"), ("Singapore", "Singapore"),
]
DESTS = [
    ("Mexico", "Manzanillo"), ("Mexico", "Lazaro Cardenas"), ("United States", "Long Beach"),
    ("United States", "Houston"), ("United States", "Newark"), ("Canada", "Vancouver"), ("Guatemala", "Puerto Quetzal"),
    ("Colombia", "Buenaventura"), ("United Kingdom", "Felixstowe"), ("Australia", "Melbourne"),
]
HUBS = ["Busan", "Singapore", "Kaohsiung", "Colombo", "Balboa", "Cartagena", "Algeciras", "Port Klang", "Tanjung Pelepas"]


def party():
    return f"{rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(SUFFIX)}"


def quantity(kind):
    unit, lo, hi = rng.choice({"solid": SOLID_UNITS, "liquid": LIQUID_UNITS, "goods": GOODS_UNITS}[kind])
    return str(rng.randint(lo, hi)), unit


LIQUIDS = {"acetone", "ethyl-ether", "toluene", "methyl-ethyl-ketone", "methyl-isobutyl-ketone", "hydrochloric-acid",
           "sulphuric-acid", "acetic-anhydride", "propionic-anhydride", "piperidine", "gbl", "nitroethane",
           "benzaldehyde", "benzyl-chloride", "benzyl-cyanide", "hydriodic-acid", "safrole", "isosafrole", "p2p",
           "pmk", "methylamine", "ethylamine", "hypophosphorous-acid"}


# --------------------------------------------------------------------------------------------
# Positive lines
# --------------------------------------------------------------------------------------------

LINES = []


def add(description, expected_id, case, cas="", hs=None, kind=None):
    if expected_id:
        entry = BY_ID[expected_id]
        if hs is None:
            hs = hs_dotted(entry["hs_heading"]) if entry["hs_heading"] else rng.choice(["2933.39", "2942.00", ""])
        if kind is None:
            kind = "liquid" if expected_id in LIQUIDS else "solid"
    LINES.append(dict(description=description, expected_id=expected_id, case=case, cas=cas, hs_code=hs or "",
                      kind=kind or "solid"))


def dress(name):
    """A name with ordinary manifest texture that names nothing else."""
    style = rng.random()
    if style < 0.35:
        return name
    if style < 0.65:
        return f"{name}, {rng.choice(PACK)}"
    if style < 0.85:
        return f"{name} {rng.choice(PURITY)}"
    return f"{name} ({rng.choice(PURITY)}), {rng.choice(PACK)}"


def maybe_cas(entry, p=0.4):
    cases = cas_of(entry)
    return cases[0] if cases and rng.random() < p else ""


# exact preferred names: every fentanyl entry twice, then a spread of the rest
exact_ids = FENTANYL * 2 + rng.sample([e["id"] for e in ENTRIES if e["id"] not in FENTANYL], 10)
for eid in exact_ids:
    add(dress(BY_ID[eid]["name"]), eid, "exact-name", cas=maybe_cas(BY_ID[eid]))

# synonyms (not abbreviations): long-form synonyms, fentanyl first
def is_abbreviation(s):
    return " " not in s and bool(re.fullmatch(r"[A-Za-z0-9-]{2,10}", s)) and any(c.isupper() for c in s)


def long_synonyms(entry):
    return [s for s in names_of(entry)[1:] if not is_abbreviation(s) and letters(s) >= 5]

syn_pool = []
for e in ENTRIES:
    for s in long_synonyms(e):
        syn_pool.append((e["id"], s))
fent_syn = [p for p in syn_pool if p[0] in FENTANYL]
other_syn = [p for p in syn_pool if p[0] not in FENTANYL]
for eid, s in rng.sample(fent_syn, 12) + rng.sample(other_syn, 10):
    add(dress(s), eid, "synonym", cas=maybe_cas(BY_ID[eid], 0.25))

# abbreviations alone and inside text
ABBREV = [("NPP", "npp"), ("ANPP", "anpp"), ("4-ANPP", "anpp"), ("4-AP", "4-ap"), ("1-boc-4-AP", "1-boc-4-ap"),
          ("APAAN", "apaan"), ("APAA", "apaa"), ("MAPA", "mapa"), ("DEPAPD", "depapd"), ("P2P", "p2p"),
          ("P-2-P", "p2p"), ("BMK", "p2p"), ("PMK", "pmk"), ("MDP2P", "pmk"), ("MEK", "methyl-ethyl-ketone"),
          ("MIBK", "methyl-isobutyl-ketone"), ("GBL", "gbl"), ("PPA", "norephedrine")]
for abbr, eid in ABBREV:
    add(abbr, eid, "abbreviation")
IN_TEXT = [
    ("NPP 25kg drums", "npp"), ("NPP, pharma grade, 10 x 1 kg", "npp"), ("4-AP HCl", "4-ap"),
    ("4-AP HCl 99% 5 kg", "4-ap"), ("ANPP (white powder) 2 kg", "anpp"), ("ANPP base, 500 g", "anpp"),
    ("1-boc-4-AP 98% min, 25 kg", "1-boc-4-ap"), ("1-boc-4-AP, 10 kg, sealed bags", "1-boc-4-ap"),
    ("APAAN 99% crystals", "apaan"), ("APAA powder 20 kg", "apaa"), ("MAPA liquid 200 L", "mapa"),
    ("P2P oil 1000 L", "p2p"), ("BMK oil, 200 L drums", "p2p"), ("PMK oil 50 L", "pmk"),
    ("MEK solvent 200L drums", "methyl-ethyl-ketone"), ("MIBK for coatings, 16 drums", "methyl-isobutyl-ketone"),
    ("GBL wheel cleaner concentrate 1 L", "gbl"), ("PMK glycidate powder 25 kg", "pmk-methyl-glycidate"),
]
for text, eid in IN_TEXT:
    add(text, eid, "abbreviation-in-text")

# case variants
case_pool = FENTANYL + ["acetic-anhydride", "ephedrine", "pseudoephedrine", "safrole", "gbl", "p2p", "acetone"]
for eid in case_pool[:16]:
    name = BY_ID[eid]["name"]
    variant = rng.choice([name.upper(), name.lower(), name.title()])
    if variant == name:
        variant = name.upper()
    add(variant, eid, "case-variant", cas=maybe_cas(BY_ID[eid], 0.3))

# punctuation, hyphen and space variants
PUNCT = [
    ("4 piperidone", "4-piperidone"), ("4piperidone", "4-piperidone"), ("4-PIPERIDONE", "4-piperidone"),
    ("piperidin 4 one", "4-piperidone"), ("piperidin 4-one", "4-piperidone"),
    ("N phenethyl 4 piperidone", "npp"), ("N-phenethyl 4-piperidone", "npp"), ("1-phenethyl-4 piperidone", "npp"),
    ("4 anilino N phenethyl piperidine", "anpp"), ("4-anilino-N-phenethyl piperidine", "anpp"),
    ("4 AP", "4-ap"), ("4-anilino piperidine", "4-ap"), ("1 boc 4 piperidone", "1-boc-4-piperidone"),
    ("N-Boc 4-piperidone", "1-boc-4-piperidone"), ("1-Boc 4-AP", "1-boc-4-ap"), ("nor-fentanyl", "norfentanyl"),
    ("alpha phenylacetoacetonitrile", "apaan"), ("3,4 MDP 2 P", "pmk"), ("P 2 P", "p2p"),
    ("gamma butyrolactone", "gbl"), ("N acetylanthranilic acid", "n-acetylanthranilic-acid"),
    ("2 butanone", "methyl-ethyl-ketone"), ("propionic-anhydride", "propionic-anhydride"),
]
for text, eid in PUNCT:
    add(dress(text) if rng.random() < 0.3 else text, eid, "punctuation-variant")

# real word-order inversions (catalogue style)
ORDER = [
    ("anhydride, propionic", "propionic-anhydride"), ("anhydride propionic", "propionic-anhydride"),
    ("Anhydride, Acetic", "acetic-anhydride"), ("acid, phenylacetic", "phenylacetic-acid"),
    ("permanganate, potassium", "potassium-permanganate"), ("ketone, methyl ethyl", "methyl-ethyl-ketone"),
    ("ketone, methyl isobutyl", "methyl-isobutyl-ketone"), ("ether, ethyl", "ethyl-ether"),
    ("ether, diethyl", "ethyl-ether"), ("chloride, benzyl", "benzyl-chloride"), ("cyanide, benzyl", "benzyl-cyanide"),
    ("acid, anthranilic", "anthranilic-acid"), ("acid, hydrochloric", "hydrochloric-acid"),
    ("acid, sulphuric", "sulphuric-acid"), ("acid, hydriodic", "hydriodic-acid"), ("phosphorus, red", "red-phosphorus"),
    ("acid, lysergic", "lysergic-acid"),
]
for text, eid in ORDER:
    add(dress(text) if rng.random() < 0.3 else text, eid, "word-order")

# salts and hydrates appended
SALT = [
    ("N-phenethyl-4-piperidone hydrochloride", "npp"), ("NPP HCl", "npp"), ("ANPP dihydrochloride", "anpp"),
    ("4-anilino-N-phenethylpiperidine HCl", "anpp"), ("4-anilinopiperidine dihydrochloride", "4-ap"),
    ("N-phenylpiperidin-4-amine hydrochloride", "4-ap"), ("norfentanyl hydrochloride", "norfentanyl"),
    ("norfentanyl oxalate", "norfentanyl"), ("4-piperidone hydrochloride monohydrate", "4-piperidone"),
    ("4-piperidone monohydrate", "4-piperidone"), ("1-boc-4-AP hydrochloride", "1-boc-4-ap"),
    ("benzylfentanyl HCl", "benzylfentanyl"), ("piperidine hydrochloride", "piperidine"),
    ("methylamine HCl", "methylamine"), ("ethylamine hydrochloride", "ethylamine"),
    ("pseudoephedrine HCl", "pseudoephedrine"), ("pseudoephedrine sulfate", "pseudoephedrine"),
    ("ephedrine HCl", "ephedrine"), ("norephedrine HCl", "norephedrine"),
    ("phenylpropanolamine hydrochloride", "norephedrine"), ("lysergic acid monohydrate", "lysergic-acid"),
    ("sodium hypophosphite monohydrate", "hypophosphorous-acid"), ("anthranilic acid hemihydrate", "anthranilic-acid"),
    ("phenylacetic acid sodium salt", "phenylacetic-acid"), ("N-methylephedrine hydrochloride", "n-methylephedrine"),
]
for text, eid in SALT:
    add(dress(text) if rng.random() < 0.3 else text, eid, "salt-suffix")

# stereo and locant prefixes
STEREO = [
    ("(1R,2S)-(-)-ephedrine", "ephedrine"), ("L-ephedrine", "ephedrine"), ("l-ephedrine hydrochloride", "ephedrine"),
    ("d-pseudoephedrine", "pseudoephedrine"), ("(+)-pseudoephedrine sulfate", "pseudoephedrine"),
    ("(1S,2S)-(+)-pseudoephedrine HCl", "pseudoephedrine"), ("(±)-norephedrine hydrochloride", "norephedrine"),
    ("dl-norephedrine", "norephedrine"), ("d-norpseudoephedrine", "norpseudoephedrine"),
    ("(-)-N-methylephedrine", "n-methylephedrine"), ("(±)-alpha-phenylacetoacetamide", "apaa"),
    ("rac-PMK glycidate", "pmk-methyl-glycidate"), ("(+)-lysergic acid", "lysergic-acid"),
    ("trans-isosafrole", "isosafrole"),
]
for text, eid in STEREO:
    add(text, eid, "stereo-prefix")

# misspellings: 1 or 2 edits on names of at least 9 letters, 1 edit on names of 5-8 letters
ALPHA = "abcdefghijklmnopqrstuvwxyz"


def misspell(text, k):
    for _ in range(200):
        chars = list(text)
        letter_positions = [i for i, c in enumerate(chars) if c.isalpha()]
        picks = sorted(rng.sample(letter_positions, k), reverse=True)
        if any(abs(a - b) < 3 for a in picks for b in picks if a != b):
            continue
        for pos in picks:
            op = rng.choice(["sub", "del", "ins", "swap"])
            c = chars[pos]
            if op == "sub":
                chars[pos] = rng.choice([x for x in ALPHA if x != c.lower()])
                if c.isupper():
                    chars[pos] = chars[pos].upper()
            elif op == "del":
                del chars[pos]
            elif op == "ins":
                chars.insert(pos, rng.choice(ALPHA))
            else:
                if pos + 1 < len(chars) and chars[pos + 1].isalpha() and chars[pos + 1].lower() != c.lower():
                    chars[pos], chars[pos + 1] = chars[pos + 1], chars[pos]
                else:
                    chars[pos] = rng.choice([x for x in ALPHA if x != c.lower()])
        out = "".join(chars)
        if osa(text.lower(), out.lower()) != k:
            continue
        if compact(out) in ALL_FORMS or any(compact(out) == compact(b[0]) for b in BENIGN_LOOKALIKE + BENIGN_CHEMICAL):
            continue
        return out
    raise RuntimeError(f"could not misspell {text!r}")


spell_sources = []
for eid in FENTANYL + ["p2p", "pseudoephedrine", "ephedrine", "phenylacetic-acid", "acetic-anhydride", "safrole",
                      "piperonal", "isosafrole", "gbl", "toluene", "acetone", "apaan", "benzaldehyde", "norephedrine",
                      "methylamine", "nitroethane", "ergotamine", "potassium-permanganate", "norpseudoephedrine",
                      "methyl-ethyl-ketone"]:
    entry = BY_ID[eid]
    common = names_of(entry) if eid in FENTANYL else names_of(entry)[:3]  # obscure synonyms are not misspelt
    for n in common:
        if letters(n) >= 5 and not is_abbreviation(n):
            spell_sources.append((eid, n))
nine_plus = [p for p in spell_sources if letters(p[1]) >= 9]
five_eight = [p for p in spell_sources if 5 <= letters(p[1]) <= 8]
fent_nine = [p for p in nine_plus if p[0] in FENTANYL]
other_nine = [p for p in nine_plus if p[0] not in FENTANYL]
for eid, n in rng.sample(fent_nine, 8) + rng.sample(other_nine, 6):
    add(misspell(n, 2), eid, "misspelling-2")
for eid, n in rng.sample(fent_nine, 6) + rng.sample(other_nine, 3) + rng.sample(five_eight, 6):
    add(misspell(n, 1), eid, "misspelling-1")

# controlled CAS in the cas column, description naming nothing
cas_pool = [(e["id"], c) for e in ENTRIES for c in cas_of(e)]
fent_cas = [p for p in cas_pool if p[0] in FENTANYL]
other_cas = [p for p in cas_pool if p[0] not in FENTANYL]
for eid, c in rng.sample(fent_cas, 7) + rng.sample(other_cas, 8):
    add(rng.choice(GENERIC_CAS_TEXT), eid, "cas-only", cas=c, hs=rng.choice(["2942.00", "2933.39", "3824.99", ""]))

# CAS number written inside the text
for eid, c in rng.sample(fent_cas, 6) + rng.sample(other_cas, 5):
    template = rng.choice(["Chemical raw material, CAS {c}, 25kg/drum", "Item CAS No.: {c} (purity 98%)",
                           "CAS# {c} white powder", "product code A-17, CAS RN {c}", "{c} 99% 1 kg"])
    add(template.format(c=c), eid, "cas-in-text", hs=rng.choice(["2942.00", "2933.39", ""]))

# controlled chemical declared under an unrelated HS code
for eid in ["npp", "4-piperidone", "anpp", "1-boc-4-piperidone", "4-ap", "norfentanyl", "propionic-anhydride",
            "pseudoephedrine", "apaan", "p2p", "bmk-glycidic-acid"]:
    add(dress(rng.choice(names_of(BY_ID[eid])[:2])), eid, "misdeclared-hs", hs=rng.choice(UNRELATED_HS))

# generic or evasive description with a controlled CAS
for eid, c in rng.sample(fent_cas, 7) + rng.sample(other_cas, 6):
    add(rng.choice(EVASIVE), eid, "evasive-description", cas=c, hs=rng.choice(["2942.00", "3824.99", "2933.39", ""]))

# named chemical, CAS with a wrong check digit
for eid in ["npp", "4-piperidone", "anpp", "norfentanyl", "1-boc-4-ap", "ephedrine", "safrole", "acetic-anhydride",
            "apaan"]:
    entry = BY_ID[eid]
    add(dress(entry["name"]), eid, "bad-cas-check", cas=bad_check(cas_of(entry)[0]))

# derivatives the listing itself covers (US: esters of phenylacetic and anthranilic acid, acetals of 4-piperidone)
COVERED = [("methyl phenylacetate", "phenylacetic-acid", "101-41-7"), ("ethyl phenylacetate", "phenylacetic-acid", "101-97-3"),
           ("methyl anthranilate", "anthranilic-acid", "134-20-3"), ("4-piperidone ethylene ketal", "4-piperidone", ""),
           ("4-piperidone dimethyl acetal", "4-piperidone", "")]
for text, eid, c in COVERED:
    assert c == "" or cas_ok(c)
    add(text, eid, "covered-derivative", cas=c)

positives = len(LINES)

# --------------------------------------------------------------------------------------------
# Benign lines
# --------------------------------------------------------------------------------------------

def benign_chem(pool, case, count):
    order = pool[:] + [rng.choice(pool) for _ in range(max(0, count - len(pool)))]
    for desc, c, h in order[:count]:
        chemical = c != "" or case != "benign-abbreviation"
        text = dress(desc) if chemical and "%" not in desc and rng.random() < 0.5 else desc
        kind = ("liquid" if rng.random() < 0.4 else "solid") if chemical else "goods"
        add(text, "", case, cas=c if rng.random() < 0.6 else "", hs=h, kind=kind)


benign_chem(BENIGN_LOOKALIKE, "benign-lookalike", 78)
benign_chem(BENIGN_CHEMICAL, "benign-chemical", 62)
benign_chem(BENIGN_ABBREVIATION, "benign-abbreviation", 35)
goods = BENIGN_GOODS[:] + [rng.choice(BENIGN_GOODS) for _ in range(40 - len(BENIGN_GOODS))]
for desc, h in goods:
    add(desc if rng.random() < 0.6 else f"{desc}, {rng.randint(2, 60)} cartons", "", "benign-goods", hs=h, kind="goods")

benign = len(LINES) - positives

# --------------------------------------------------------------------------------------------
# Shipments
# --------------------------------------------------------------------------------------------

rng.shuffle(LINES)
rows = []
index = 0
shipment = 0
while index < len(LINES):
    shipment += 1
    size = min(rng.choice([1, 1, 2, 2, 3, 3, 4, 5]), len(LINES) - index)
    origin, pol = rng.choice(ROUTES)
    dest, pod = rng.choice(DESTS)
    tranship = ";".join(rng.sample(HUBS, rng.choice([0, 0, 1, 1, 2])))
    month, day = rng.randint(1, 11), rng.randint(1, 28)
    shipper, consignee = party(), party()
    notify = rng.choice([consignee, party(), ""])
    for line_no in range(1, size + 1):
        item = LINES[index]
        index += 1
        qty, unit = quantity(item["kind"])
        value = rng.randint(5, 2500) * 100
        hs = item["hs_code"]
        if hs and rng.random() < 0.25:
            hs = hs.replace(".", "")
        rows.append({
            "shipment_id": f"SHP-2026-{shipment:04d}", "line": line_no, "date": f"2026-{month:02d}-{day:02d}",
            "description": item["description"], "hs_code": hs, "cas": item["cas"], "quantity": qty, "unit": unit,
            "value": value, "shipper": shipper, "consignee": consignee, "notify_party": notify, "origin": origin,
            "destination": dest, "port_of_loading": pol, "transshipment_ports": tranship, "port_of_discharge": pod,
            "expected_id": item["expected_id"], "case": item["case"],
        })

with open(OUTPUT, "w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)

print(f"wrote {len(rows)} lines in {shipment} shipments: {positives} controlled, {benign} benign "
      f"({100 * benign / len(rows):.0f}% benign) -> {os.path.relpath(OUTPUT)}", file=sys.stderr)
