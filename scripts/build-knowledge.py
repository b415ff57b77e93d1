#!/usr/bin/env python3
"""Derive the compact data files of src/knowledge/ from their maintained sources.

The files under data/knowledge/ are committed and read by `include_str!`, so `cargo build`
needs neither this script nor the network. Run it only to refresh the data, and in review to
check that the committed files are exactly what the sources give:

    apt-get install -y wordnet-base            # Princeton WordNet 3.0 -> /usr/share/wordnet
    python3 scripts/build-knowledge.py          # fetches world-countries with `npm pack`
    python3 scripts/build-knowledge.py --check  # exits 1 if a committed file differs

Sources, and why each:
- Princeton WordNet 3.0 (Debian's `wordnet-base`): the lexical database every English NLP
  toolkit has used for lemmas (morphy and its exception lists), synonyms, antonyms and
  derivations. Its licence allows redistribution with the notice (LICENSE-WordNet). Open
  English WordNet is newer, but no registry reachable here ships its data (the `wn` package
  downloads it at run time).
- world-countries 5.1.0 (npm; mledoze/countries, ODbL-1.0): every ISO 3166-1 country and
  territory with its common, official and alternative names, capitals and English demonyms
  (which Debian's iso-codes and pycountry lack). Its licence text ships as
  LICENSE-world-countries.
- WordNet again for what neither has: nationality nouns ("Briton", "Frenchman"), place names
  ("Britain", "U.K."), and the buildings and streets that stand for a government
  ("the Kremlin", "Downing Street", "the White House").

Output is deterministic (sorted, no timestamps) so that --check is a byte comparison.
"""

import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

WORLD_COUNTRIES = "world-countries@5.1.0"
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# Synsets named by their first lemma and WordNet 3.0 offset, so that a different WordNet
# fails loudly instead of quietly giving other roots.
GOVERNMENT = ("government", "08050678")
# Roots of the person nouns that name a role, office or occupation rather than a kind of
# person ("treasurer", "chief executive", "spokesman", "senator", "goalkeeper"; not "adult",
# "victim", "mother"), and the forms of address ("Mr", "Mrs").
TITLE_ROOTS = [
    ("leader", "09623038"),
    ("lawman", "10249459"),
    ("money handler", "09624980"),
    ("member", "10307234"),
    ("entertainer", "09616922"),
    ("contestant", "09613191"),
    ("ruler", "10541229"),
    ("communicator", "09610660"),
    ("expert", "09617867"),
    ("worker", "09632518"),
    ("official", "10372373"),
    ("representative", "10522035"),
    ("professional", "10480253"),
    ("spokesperson", "10638385"),
    ("serviceman", "10582746"),
    ("clergyman", "09927451"),
]
ADDRESS_ROOT = ("title", "06339416")


def die(msg):
    print(f"build-knowledge: {msg}", file=sys.stderr)
    sys.exit(2)


class WordNet:
    """The parts of the WordNet 3.0 database files that the shipped data needs."""

    def __init__(self, root):
        self.root = root
        self.synsets = {}  # (pos, offset) -> dict
        self.index = {}  # (lemma, pos) -> [offset] in sense order
        for pos, name in POS_FILES.items():
            self._read_data(pos, os.path.join(root, f"data.{name}"))
            self._read_index(pos, os.path.join(root, f"index.{name}"))
        self.exceptions = []
        for pos, name in POS_FILES.items():
            path = os.path.join(root, f"{name}.exc")
            for line in self._lines(path):
                inflected, *bases = line.split()
                for base in bases:
                    self.exceptions.append((pos, inflected, base))

    def _lines(self, path):
        try:
            with open(path, encoding="latin-1") as f:
                return [l.rstrip("\n") for l in f if not l.startswith("  ")]
        except OSError as e:
            die(f"{path}: {e.strerror} (install Debian's wordnet-base or pass --wordnet)")

    def _read_data(self, pos, path):
        for line in self._lines(path):
            head, _, gloss = line.partition("|")
            f = head.split()
            offset, lexfile, ss_type = f[0], int(f[1]), f[2]
            n = int(f[3], 16)
            words = [f[4 + 2 * i] for i in range(n)]
            i = 4 + 2 * n
            count = int(f[i])
            i += 1
            ptrs = []
            for _ in range(count):
                sym, target, tpos, st = f[i], f[i + 1], f[i + 2], f[i + 3]
                tpos = "a" if tpos == "s" else tpos
                ptrs.append((sym, target, tpos, int(st[:2], 16), int(st[2:], 16)))
                i += 4
            self.synsets[(pos, offset)] = {
                "pos": pos,
                "offset": offset,
                "lexfile": lexfile,
                "satellite": ss_type == "s",
                # Adjective markers such as "(p)" are syntax, not part of the word.
                "words": [re.sub(r"\([a-z]+\)$", "", w) for w in words],
                "ptrs": ptrs,
                "gloss": gloss.strip(),
            }

    def _read_index(self, pos, path):
        for line in self._lines(path):
            f = line.split()
            lemma, p, count, pcount = f[0], f[1], int(f[2]), int(f[3])
            offsets = f[4 + pcount + 2 :]
            assert len(offsets) == count, line
            self.index[(lemma, pos)] = offsets

    def synset(self, pos, offset):
        return self.synsets[(pos, offset)]

    def named(self, root):
        name, offset = root
        s = self.synsets.get(("n", offset))
        if s is None or name not in [word(w).lower() for w in s["words"]]:
            die(f"WordNet synset n {offset} is not '{name}': is this WordNet 3.0?")
        return s

    def hyponyms(self, root):
        """Every synset under `root` by hyponym and instance pointers, root included."""
        seen, todo = set(), [root["offset"]]
        while todo:
            off = todo.pop()
            if off in seen:
                continue
            seen.add(off)
            for sym, target, tpos, _, _ in self.synset("n", off)["ptrs"]:
                if sym in ("~", "~i") and tpos == "n":
                    todo.append(target)
        return seen

    def reaches(self, s, offsets, syms=("@", "@i")):
        """Whether `s` reaches one of `offsets` by the pointers `syms`, transitively."""
        seen, todo = set(), [s["offset"]]
        while todo:
            off = todo.pop()
            if off in offsets:
                return True
            if off in seen:
                continue
            seen.add(off)
            for sym, target, tpos, _, _ in self.synset("n", off)["ptrs"]:
                if sym in syms and tpos == "n":
                    todo.append(target)
        return False


def word(lemma):
    """A WordNet lemma as prose writes it: spaces, not underscores."""
    return lemma.replace("_", " ")


def b36(n):
    """A number in base 36, lower case: the shipped ids are a third shorter than decimal."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, d = divmod(n, 36)
        out = digits[d] + out
        if n == 0:
            return out


def build_wordnet(wn):
    """wordnet.txt: words with their senses and lexical relations, synsets with pointers."""
    # Dense synset ids, counted within each part of speech (by offset), so they stay short.
    order = sorted(wn.synsets, key=lambda k: ("nvar".index(k[0]), k[1]))
    sid = {}
    first = {}
    for i, k in enumerate(order):
        first.setdefault(k[0], i)
        sid[k] = i - first[k[0]]
    lemmas = sorted({lemma for lemma, _ in wn.index})
    wid = {w: i for i, w in enumerate(lemmas)}
    relations = {w: set() for w in lemmas}
    for (pos, _), s in wn.synsets.items():
        for sym, target, tpos, src, dst in s["ptrs"]:
            if sym not in ("!", "+", "\\") or src == 0:
                continue
            a = s["words"][src - 1].lower()
            b = wn.synset(tpos, target)["words"][dst - 1].lower()
            if a in wid and b in wid:
                relations[a].add(f"{sym}{pos}{tpos}{b36(wid[b])}")
    counts = " ".join(f"{pos} {sum(1 for k in order if k[0] == pos)}" for pos in "nvar")
    out = [
        "# Derived from Princeton WordNet 3.0 by scripts/build-knowledge.py; see LICENSE-WordNet.",
        "# Numbers are base 36. %words: lemma TAB senses (per part of speech, its letter and its",
        "#   synset ids, counted within that part of speech, in sense order) TAB relations",
        "#   (! antonym, + derivation, \\ pertainym; from pos, to pos, target word's line in",
        "#   %words).",
        "# %synsets: per part of speech its count; then a line per synset, nouns, verbs,",
        "#   adjectives, adverbs, with its @hypernym, &similar-to and !antonym synsets, by id",
        "#   within the same part of speech.",
        "# %exceptions: pos TAB inflected TAB base (WordNet's .exc files).",
        "%words",
    ]
    for w in lemmas:
        senses = " ".join(
            pos + ",".join(b36(sid[(pos, off)]) for off in wn.index[(w, pos)])
            for pos in "nvar"
            if (w, pos) in wn.index
        )
        out.append(f"{word(w)}\t{senses}\t{' '.join(sorted(relations[w]))}")
    out.append(f"%synsets {counts}")
    for k in order:
        s = wn.synsets[k]
        ptrs = []
        for sym, target, tpos, src, _ in s["ptrs"]:
            if sym == "!" and tpos == s["pos"]:
                # An antonym is drawn between two words' senses; the synset it points to
                # is the opposite sense, for every synonym of the word in this one.
                opposite = f"!{b36(sid[(tpos, target)])}"
                if opposite not in ptrs:
                    ptrs.append(opposite)
                continue
            if src != 0:
                continue
            if sym in ("@", "@i") and tpos == s["pos"]:
                ptrs.append(f"@{b36(sid[(tpos, target)])}")
            elif sym == "&" and tpos == "a":
                ptrs.append(f"&{b36(sid[(tpos, target)])}")
        out.append(" ".join(ptrs))
    out.append("%exceptions")
    for pos, inflected, base in sorted(set(wn.exceptions)):
        out.append(f"{pos}\t{word(inflected)}\t{word(base)}")
    return "\n".join(out) + "\n"


def latin(name):
    """Whether a name is written in the Latin script, as English prose would write it."""
    return all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name
    ) and any(c.isalpha() for c in name)


def build_places(wn, countries):
    """places.tsv: one line per country or territory."""
    def key(name):
        return re.sub(r"[.\s]+", " ", name.lower()).strip()

    # WordNet place and person synsets by lemma, to join to the countries by name.
    by_word = {}
    for (pos, off), s in wn.synsets.items():
        if pos == "n":
            for w in s["words"]:
                by_word.setdefault(key(word(w)), []).append(s)
    location_lexfile, person_lexfile = 15, 18
    lower_words = {
        key(word(w)) for s in wn.synsets.values() for w in s["words"] if w.islower()
    }
    place_words = {
        key(word(w))
        for s in wn.synsets.values()
        if s["lexfile"] == location_lexfile
        for w in s["words"]
        if not w.islower()
    }
    government = wn.hyponyms(wn.named(GOVERNMENT))
    pertainyms = [
        (s, src, target)
        for (pos, _), s in wn.synsets.items()
        if pos == "a"
        for sym, target, tpos, src, _ in s["ptrs"]
        if sym == "\\" and tpos == "n" and src
    ]
    persons = [
        s for s in wn.synsets.values() if s["pos"] == "n" and s["lexfile"] == person_lexfile
    ]
    lines = [
        "# Derived from world-countries 5.1.0 (ODbL-1.0, see LICENSE-world-countries) and",
        "# Princeton WordNet 3.0 (see LICENSE-WordNet) by scripts/build-knowledge.py.",
        "# cca3 TAB state (independent) or territory TAB common name TAB other names",
        "#   TAB demonym adjectives TAB demonym nouns TAB capitals TAB seats of government",
        "#   (lists ; separated)",
    ]
    # Join WordNet's place synsets to the countries by name. A synset that also holds another
    # country's common name ("Taiwan, China") or lies within another country's place
    # (the state of Georgia, in the United States) is not the country.
    common_names = {key(c["name"]["common"]): c["cca3"] for c in countries}
    candidates = {}
    for c in countries:
        names = [c["name"]["common"], c["name"]["official"], *c["altSpellings"]]
        candidates[c["cca3"]] = {
            s["offset"]
            for n in names
            if n != c["cca2"]
            for s in by_word.get(key(n), [])
            if s["lexfile"] == location_lexfile
            and all(common_names.get(key(word(w)), c["cca3"]) == c["cca3"] for w in s["words"])
        }
    joined = {
        cca3: {
            off
            for off in offsets
            if not any(
                other != cca3 and wn.reaches(wn.synset("n", off), theirs, syms=("#p",))
                for other, theirs in candidates.items()
            )
        }
        for cca3, offsets in candidates.items()
    }
    # Nationals: the person nouns that WordNet makes members of one country's place
    # ("Briton" of Great Britain, "Frenchman" of France), not of several (a people across
    # borders), not instances (kings), and not a group within a nation (a kind of "Russian").
    member_of = {}
    for s in persons:
        if any(sym == "@i" for sym, *_ in s["ptrs"]):
            continue
        of = {
            cca3
            for sym, target, _, _, _ in s["ptrs"]
            if sym == "#m"
            for cca3, offsets in joined.items()
            if target in offsets
        }
        if len(of) == 1:
            member_of[s["offset"]] = of.pop()
    nationals = {}
    for off, cca3 in member_of.items():
        s = wn.synset("n", off)
        within = any(
            sym == "@" and member_of.get(target) == cca3 for sym, target, _, _, _ in s["ptrs"]
        )
        if not within:
            nationals.setdefault(cca3, []).append(s)
    for c in sorted(countries, key=lambda c: c["cca3"]):
        common, official = c["name"]["common"], c["name"]["official"]
        names = {official, *c["altSpellings"]}
        # Two-letter codes are ISO's, not names prose uses ("US" and "UK" are kept: they are
        # not the country's code). Names in other scripts are not English.
        names = {n for n in names if n != c["cca2"] and latin(n)}
        # An other name that is also a common English word ("Island", Iceland's own name)
        # would turn that word into the country wherever it starts a sentence; kept only
        # when WordNet names a place so too ("Turkey", "Congo").
        names = {n for n in names if key(n) not in lower_words or key(n) in place_words}
        place_offsets = joined[c["cca3"]]
        for off in place_offsets:
            s = wn.synset("n", off)
            names.update(word(w) for w in s["words"] if latin(word(w)))
        adjectives = {d for d in c["demonyms"].get("eng", {}).values() if d}
        # Adjectives that WordNet says pertain to the country ("British" -> "Britain");
        # hyphenated ones are compounds ("pro-American"), not the demonym.
        for s, src, target in pertainyms:
            w = word(s["words"][src - 1])
            if target in place_offsets and "-" not in w:
                adjectives.add(w)
        adjective_keys = {key(a) for a in adjectives}
        people = set()
        for s in nationals.get(c["cca3"], ()):
            people.update(word(w) for w in s["words"] if w[0].isupper())
        capitals = [n for n in c["capital"] if latin(n)]
        capital_places = [
            s
            for n in capitals
            for s in by_word.get(key(n), [])
            if s["lexfile"] == location_lexfile
            and wn.reaches(s, place_offsets, syms=("#p",))
        ]
        capital_names = set(capitals)
        for s in capital_places:
            capital_names.update(word(w) for w in s["words"] if latin(word(w)))
        # Seats of government: parts of the capital that WordNet describes as housing the
        # government, or whose name is also a government ("Downing Street", "the White House").
        seats = set()
        parts = [
            wn.synset("n", target)
            for cap in capital_places
            for sym, target, tpos, _, _ in cap["ptrs"]
            if sym == "%p" and tpos == "n"
        ]
        # Parts of parts too: Downing Street is in Westminster, in London.
        parts += [
            wn.synset("n", target)
            for part in parts
            for sym, target, tpos, _, _ in part["ptrs"]
            if sym == "%p" and tpos == "n"
        ]
        for part in parts:
            for w in part["words"]:
                metonym = any(
                    other["offset"] in government for other in by_word.get(key(word(w)), [])
                )
                if metonym or re.search(r"\bgovernment\b", part["gloss"]):
                    seats.add(word(w))
        fields = [
            c["cca3"],
            "state" if c["independent"] else "territory",
            common,
            sorted(names - {common}),
            sorted(adjectives),
            sorted(people - adjectives),
            sorted(capital_names),
            sorted(seats),
        ]
        lines.append(
            "\t".join(f if isinstance(f, str) else ";".join(f) for f in fields)
        )
    return "\n".join(lines) + "\n"


def build_titles(wn):
    """titles.txt: lemmas of roles and offices, and forms of address, in lower case."""

    def lemmas_under(roots, keep_root, first_sense):
        """Lemmas of the synsets under `roots`; with `first_sense`, only those whose first,
        most frequent noun sense is: "man" has a military sense, but is first an adult male.
        (Not for forms of address: "Ms" is first multiple sclerosis, but never in "Ms Lee".)"""
        under = set()
        for root in roots:
            top = wn.named(root)
            under.update(off for off in wn.hyponyms(top) if keep_root or off != top["offset"])
        found = set()
        for off in under:
            s = wn.synset("n", off)
            if any(sym == "@i" for sym, *_ in s["ptrs"]):
                continue
            for w in s["words"]:
                senses = wn.index.get((w.lower(), "n"), [])
                if not first_sense or senses and senses[0] in under:
                    found.add(word(w).lower())
        return found

    roles = lemmas_under(TITLE_ROOTS, True, True)
    address = lemmas_under([ADDRESS_ROOT], False, False)
    lines = [
        "# Derived from Princeton WordNet 3.0 by scripts/build-knowledge.py; see LICENSE-WordNet.",
        "# kind TAB lemma, lower case: role = a person noun under one of TITLE_ROOTS in the",
        "# script; address = a form of address (a kind of WordNet's title, form of address).",
    ]
    lines += [f"role\t{r}" for r in sorted(roles - address)]
    lines += [f"address\t{a}" for a in sorted(address)]
    return "\n".join(lines) + "\n"


def wordnet_licence(root):
    path = "/usr/share/doc/wordnet-base/copyright"
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as e:
        die(f"{path}: {e.strerror}")
    start = text.index("License: WordNet3.0")
    end = text.index("\nFiles:", start)
    body = text[start:end].splitlines()[1:]
    lines = [l[1:] if l.startswith(" ") else l for l in body]
    lines = ["" if l == "." else l for l in lines]
    return "\n".join(lines).strip() + "\n"


def countries_json(path, tmp):
    if path:
        return path
    try:
        subprocess.run(
            ["npm", "pack", WORLD_COUNTRIES, "--silent"], cwd=tmp, check=True,
            stdout=subprocess.DEVNULL,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"npm pack {WORLD_COUNTRIES} failed ({e}); pass --countries countries.json")
    tarball = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    subprocess.run(["tar", "xzf", tarball], cwd=tmp, check=True)
    return os.path.join(tmp, "package", "countries.json")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--wordnet", default="/usr/share/wordnet")
    p.add_argument("--countries", help="world-countries' countries.json (default: npm pack)")
    p.add_argument("--out", default=os.path.join(here, "..", "data", "knowledge"))
    p.add_argument("--check", action="store_true", help="compare with the committed files")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        countries_path = countries_json(args.countries, tmp)
        with open(countries_path, encoding="utf-8") as f:
            countries = json.load(f)
        licence = os.path.join(os.path.dirname(countries_path), "LICENSE")
        wn = WordNet(args.wordnet)
        files = {
            "wordnet.txt": build_wordnet(wn),
            "places.tsv": build_places(wn, countries),
            "titles.txt": build_titles(wn),
            "LICENSE-WordNet": wordnet_licence(args.wordnet),
            "LICENSE-world-countries": open(licence, encoding="utf-8").read(),
        }
        target = os.path.join(tmp, "out") if args.check else args.out
        os.makedirs(target, exist_ok=True)
        for name, text in files.items():
            with open(os.path.join(target, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        if args.check:
            differ = [
                n
                for n in files
                if not os.path.exists(os.path.join(args.out, n))
                or not filecmp.cmp(os.path.join(target, n), os.path.join(args.out, n), False)
            ]
            for n in differ:
                print(f"build-knowledge: data/knowledge/{n} differs from its sources")
            sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
