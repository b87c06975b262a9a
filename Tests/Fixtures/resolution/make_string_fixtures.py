"""Reference string similarities for Vigil's entity-resolution comparators.

Writes string_similarity.csv: pairs of (normalised) names and identifiers with their Jaro,
Jaro-Winkler (prefix weight 0.1, prefix up to 4) and Levenshtein values as computed by RapidFuzz,
an independent C++ implementation. Run: python3 make_string_fixtures.py (RapidFuzz 3.x).
"""
import csv
import random

import rapidfuzz
from rapidfuzz.distance import Jaro, JaroWinkler, Levenshtein

FIXED = [
    ("martha", "marhta"), ("dwayne", "duane"), ("dixon", "dicksonx"), ("jones", "johnson"), ("abcvwxyz", "cabvwxyz"),
    ("crate", "trace"), ("", ""), ("a", ""), ("", "abc"), ("same", "same"), ("jellyfish", "smellyfish"),
    ("maria garcia", "garcia maria"), ("mohammed", "muhammad"), ("catherine", "kathryn"), ("o'connor", "oconnor"),
    ("ana example", "anna example"), ("placeholder trading", "placeholder trdaing"), ("x", "y"), ("ab", "ba"),
    ("robert", "bob"), ("william", "bill"), ("+5255000000", "+5255000001"), ("19800229", "19802902"),
]


def corrupt(word, rng):
    chars = list(word)
    for _ in range(rng.randint(1, 3)):
        op = rng.choice("sdit")
        i = rng.randrange(len(chars)) if chars else 0
        if op == "s" and chars:
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        elif op == "d" and chars:
            del chars[i]
        elif op == "i":
            chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        elif op == "t" and len(chars) > 1:
            j = min(i + 1, len(chars) - 1)
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def main():
    rng = random.Random(20261130)
    names = ["alexander", "katherine", "jonathan", "elizabeth", "christopher", "margarita", "guadalupe", "francisco",
             "xiomara", "li", "wei zhang", "oluwaseun", "siobhan", "nguyen van an", "placeholder freight sa"]
    pairs = list(FIXED)
    for _ in range(120):
        word = rng.choice(names)
        pairs.append((word, corrupt(word, rng)))
    with open("string_similarity.csv", "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["a", "b", "jaro", "jaro_winkler", "levenshtein"])
        for a, b in pairs:
            writer.writerow([a, b, repr(Jaro.similarity(a, b)), repr(JaroWinkler.similarity(a, b, prefix_weight=0.1)), Levenshtein.distance(a, b)])
    print(f"wrote {len(pairs)} pairs with RapidFuzz {rapidfuzz.__version__}")


if __name__ == "__main__":
    main()
