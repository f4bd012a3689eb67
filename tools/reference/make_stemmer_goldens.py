#!/usr/bin/env python3
"""Golden Porter stems and stemmed Rouge token lists from the real nltk.

Writes tests/DataForge.Generation.Tests/Data/porter-goldens.json with:

  words      word -> nltk PorterStemmer().stem(word), for every distinct
             lower-case alphanumeric token of the repository's own text
             (seeds/, src/DataForge.Generation/Prompts/, README.md) plus a
             hand-made list of suffix-heavy words that reaches every rule of
             the default (NLTK_EXTENSIONS) mode and its irregular forms, plus
             seeded random words built from a short stem, a rule's suffix and
             an inflection.
  sentences  text -> the token list rouge_score builds with use_stemmer=True:
             lower-case, runs of characters outside [a-z0-9] become one space,
             split on whitespace, stem tokens longer than 3 characters, keep
             tokens matching ^[a-z0-9]+$.

The stemmer runs in its default mode, as rouge_score creates it. Output is
deterministic: inputs are read in sorted order, every list is sorted or
picked by a fixed stride, and the random words come from a fixed seed.

Requirements: Python 3 standard library and nltk only (3.8 was used). On
Debian/Ubuntu, as root:
    apt-get install -y --no-install-recommends python3-nltk
then run from the repository root:
    python3 tools/reference/make_stemmer_goldens.py
This is a developer tool; it is not run in CI. Tests only read the committed
file it produces.
"""

import argparse
import json
import os
import random
import re
import sys

import nltk
from nltk.stem.porter import PorterStemmer

OUT_REL = os.path.join("tests", "DataForge.Generation.Tests", "Data", "porter-goldens.json")
TEXT_ROOTS = [os.path.join("seeds"), os.path.join("src", "DataForge.Generation", "Prompts"), "README.md"]
TEXT_EXTENSIONS = (".jsonl", ".json", ".md", ".txt", ".sh", ".cs")
MAX_REPO_WORDS = 9000
SEED_SENTENCES = 40

NON_ALNUM = re.compile(r"[^a-z0-9]+")
WHITESPACE = re.compile(r"\s+")
VALID_TOKEN = re.compile(r"^[a-z0-9]+$")

# Words chosen to exercise each step, its conditions and the NLTK-mode deviations.
HAND_WORDS = """
a an as at be by do go he if in is it me my no of on or so to up us we
ab ow ay ox yo ie ed ss
the ies ied eed ing bed sing bring thing king ring string spring
s ss sss ssss sses caresses caress cats ponies ties dies lies pies cries flies skies sky
tries spies spied tied died lied cried fried dried tried applied carried studied replied
feed agreed disagreed freed bleed need speed proceed exceed succeed proceeded exceeding
succeeded proceeding indeed deed seed breed guaranteed refereed
plastered bled motoring sing hopping hopped tanned tanning falling fall hissing hiss
fizzed fizz failing fail filing file conflated conflating troubled troubling sized sizing
hoped hoping hopeful hopefulness rated rating dated dating bbed ring boring coring
dying lying tying vying eying eyeing news innings inning outings outing cannings canning
howe howes newsy newsier
happy happiness happily enjoy enjoyment enjoying enjoyed toy toys boy boys say says day
days spy fly try cry dry shy sly by yy yyy yyyy yyyyy yell yelling yellow syzygy sly slyly
relational conditional rational national valenci valency hesitanci hesitancy digitizer
organizer conformabli conformably radicalli radically differentli differently vileli
analogousli analogously vietnamization organization predication operator feudalism
decisiveness hopefulness callousness formaliti formality sensitiviti sensitivity
sensibiliti sensibility generalization generalizations rationalization
generalli generally finalli finally totally really usually
fulli fully carefully carefulli beautifully beautifulli
logi analogi analogy apologi apology biology biologi ecology geology theology
triplicate formative formalize electriciti electricity electrical hopeful goodness
revival allowance inference airliner gyroscopic adjustable defensible irritant
replacement adjustment dependent adoption homologou communism activate angulariti
angularity homologous effective bowdlerize
probate rate cease controll control roll controlling controlled rolled rolling
ational izer alism iveness fulness ousness aliti biliti ement ance ence ible ant ion
ou ism ate iti ous ive ize ization ation ator ness ful ical iciti alize ative icate
generate generated generating generation generations generator generators general
generalize generalizes generalized generalizing generality generic genetically
connect connected connecting connection connections connective connectivity
relate related relating relation relations relational relationship relative relatively
relativity instruct instruction instructions instructive instructor instructed
compute computer computing computation computational computed computes
optimize optimizer optimizing optimization optimizations optimized optimal optimality
classify classifier classifying classification classifications classified classifies
organ organic organism organisms organize organizing organizational
nation nations nationalism nationalist nationality nationalities nationally
sense senses sensible sensibly sensitive sensitivity sensation sensational
hope hopes hoping hopelessness hopelessly
trouble troubles troublesome traditional traditionally tradition
electric electrical electrically electricity electrician
vision visionary visible visibility invisible invisibly
predict predicts prediction predictable predictably predictive
adopt adoption adoptive adopted adopting
ponder pondering pondered ponderous ponderousness
argument arguments argue arguing argued
agreement agreements agree agreeable disagreement
measurement measure measuring measured measurable immeasurable
abundance abundant redundancy redundant
excellence excellent difference different differential
tolerance tolerant tolerable intolerable
feasible feasibility impossible possibility possibilities responsibility
mission permission expression confession revision decision division explosion
question questions suggestion attention election selection correction
famous curious serious seriousness nervous nervousness jealous jealousness
active activity activities activism activist creative creativity
criticism critic critical criticize criticizing criticized
realism realist realistic realize realized realizing reality realities
specialize specialized specialist specialty specially special speciality
hyphenate hyphenated hyphenation
illuminate illuminating illumination
plural plurality pluralism
formal formally formalism formalities formalize formalization
civil civility civilize civilization civilizations
terrible terribly horrible horribly audible audibly
controller controllers controlling roller rollers
falling fell fallen filling filled fills killing killed kills
fizzing buzzing buzzed buzzes passing passed passes missed misses
hopping shopping shipping stopping stepping swimming running sitting getting
planning planned scanning scanned winning beginning
tapping taping tapped taped striping stripping
bowing sowing mowing fixing taxing boxing relaxing
playing played player players staying stayed praying prayed
cities city pities pity duties duty parties party stories story
ties tie dies die lies lie vies
skiing skied skis ski
abc123ing 123s 2nd 3rd 4th covid19 mp3s x86 utf8 h2o 100ies 1990s 42ed v2ing
abcdefghijklmnopqrstuvwxyz aaaaaa zzzz bzzz ssssing eeeing
pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious
antidisestablishmentarianism internationalizationinternationalizationinternationalizations
relationalrelationalrelationalrelationalrelationalrelationalrelationalities
""".split() + ["y" * 70, "ay" * 40 + "ing", "abc" * 30 + "ational"]


# Synthetic words: a random short stem, a suffix some rule looks at, and an inflection.
SYNTHETIC_SEED = 20240501
SYNTHETIC_COUNT = 1200
SYNTHETIC_LETTERS = "aeiouybcdlmnrstvwxz"
SYNTHETIC_SUFFIXES = (
    "ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness "
    "fulness ousness aliti iviti biliti fulli logi icate ative alize iciti ical ful ness al ance "
    "ence er ic able ible ant ement ment ent sion tion ou ism ate iti ous ive ize at bl iz y e ll"
).split()
SYNTHETIC_ENDINGS = ["", "", "s", "es", "ed", "ing", "ies", "ied", "eed", "ly"]


def synthetic_words():
    rng = random.Random(SYNTHETIC_SEED)
    words = []
    for _ in range(SYNTHETIC_COUNT):
        stem = "".join(rng.choice(SYNTHETIC_LETTERS) for _ in range(rng.randint(1, 6)))
        words.append(stem + rng.choice(SYNTHETIC_SUFFIXES) + rng.choice(SYNTHETIC_ENDINGS))
    return words


def stem_words(stemmer, words):
    return {w: stemmer.stem(w) for w in sorted(set(words))}


def rouge_tokens(stemmer, text):
    """The rouge_score tokenization with use_stemmer=True."""
    tokens = WHITESPACE.split(NON_ALNUM.sub(" ", text.lower()))
    tokens = [stemmer.stem(t) if len(t) > 3 else t for t in tokens]
    return [t for t in tokens if VALID_TOKEN.match(t)]


def repository_files(root):
    files = []
    for rel in TEXT_ROOTS:
        path = os.path.join(root, rel)
        if os.path.isfile(path):
            files.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs.sort()
            files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(TEXT_EXTENSIONS))
    return files


def repository_words(root):
    words = set()
    for path in repository_files(root):
        with open(path, encoding="utf-8") as f:
            words.update(t for t in NON_ALNUM.sub(" ", f.read().lower()).split() if t)
    # Deterministic cap: the longest words carry the most suffix rules; ties go alphabetical.
    return sorted(words, key=lambda w: (-len(w), w))[:MAX_REPO_WORDS]


def seed_instructions(root):
    texts = []
    folder = os.path.join(root, "seeds", "instructions")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                texts.extend(json.loads(line)["instruction"] for line in f if line.strip())
    texts.sort()
    stride = max(1, len(texts) // SEED_SENTENCES)
    return texts[::stride][:SEED_SENTENCES]


HAND_SENTENCES = [
    "The runners were running; she runs faster than the other runner.",
    "Generalizations about generators: generating, generated, generation!",
    "Skies, dying, lying, tying, news, innings and outings (irregular forms).",
    "He agreed to proceed; they succeeded, exceeding all expectations.",
    "Classify these classifications by the classifier's classified labels.",
    "Relational databases relate related relations relatively well.",
    "The happiness of happy, enjoying, enjoyed and enjoyment.",
    "Optimization: optimizing the optimizer's optimized optimizations.",
    "  Mixed   CASE, digits 3rd 2nd 1990s covid19 mp3s, and punctuation?!...",
    "Cafe\u0301, na\u00efve, r\u00e9sum\u00e9s and \u00fcber-cool d\u00e9j\u00e0 vu (non-ASCII letters split tokens).",
    "Controllers controlling controlled rolls; fizzing, buzzing, hopping, hoping.",
    "",
]


def write_json(path, words, sentences):
    # One entry per line keeps the file diffable.
    lines = ['{', '  "generator": "tools/reference/make_stemmer_goldens.py",',
             '  "nltk": %s,' % json.dumps(nltk.__version__),
             '  "mode": "NLTK_EXTENSIONS",', '  "words": {']
    items = list(words.items())
    for i, (word, stem) in enumerate(items):
        lines.append("    %s: %s%s" % (json.dumps(word), json.dumps(stem), "," if i + 1 < len(items) else ""))
    lines.append("  },")
    lines.append('  "sentences": [')
    for i, (text, tokens) in enumerate(sentences):
        entry = json.dumps({"text": text, "tokens": tokens}, ensure_ascii=False)
        lines.append("    %s%s" % (entry, "," if i + 1 < len(sentences) else ""))
    lines.append("  ]")
    lines.append("}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    ap.add_argument("--repo-root", default=default_root)
    args = ap.parse_args()
    root = os.path.normpath(args.repo_root)
    stemmer = PorterStemmer()

    words = stem_words(stemmer, repository_words(root) + HAND_WORDS + synthetic_words())
    texts = seed_instructions(root) + HAND_SENTENCES
    sentences = [(t, rouge_tokens(stemmer, t)) for t in texts]

    out = os.path.join(root, OUT_REL)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    write_json(out, words, sentences)
    changed = sum(1 for w, s in words.items() if w != s)
    print("nltk %s: %d words (%d changed by stemming), %d sentences -> %s (%d bytes)"
          % (nltk.__version__, len(words), changed, len(sentences), OUT_REL, os.path.getsize(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
